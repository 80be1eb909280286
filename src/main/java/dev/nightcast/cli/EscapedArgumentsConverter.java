package dev.nightcast.cli;

import java.util.Arrays;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

import dev.nightcast.text.SafeText;

/**
 * {@code %msg} (and {@code %m}, {@code %message}) for Logback: the log call's own pattern as
 * written, its arguments {@linkplain SafeText#oneLine on one line}. Ids, titles, file names and
 * reasons reach log lines as arguments; a file name holding a line break and a fake
 * "Run finished with exit code 0" line must not become a line of its own. Nightcast's own message
 * patterns may keep their line breaks. Registered in {@code logback-spring.xml}.
 */
public class EscapedArgumentsConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        if (arguments == null || arguments.length == 0) {
            return event.getFormattedMessage();
        }
        Object[] escaped = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            escaped[i] = escape(arguments[i]);
        }
        return MessageFormatter.arrayFormat(event.getMessage(), escaped).getMessage();
    }

    private static Object escape(Object argument) {
        if (argument == null || argument instanceof Number || argument instanceof Boolean) {
            return argument;
        }
        String text = argument instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(argument);
        return SafeText.oneLine(text);
    }
}
