package dev.nightcast.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.jspecify.annotations.Nullable;

import dev.nightcast.text.SafeText;

/**
 * {@code %ex} for Logback: the stack trace as usual, each exception's message
 * {@linkplain SafeText#oneLine on one line}. Messages quote the input too (a database error shows
 * the value it refused), and a line break in one must not forge a log line. Registered in
 * {@code logback-spring.xml}; the console pattern names {@code %ex} so that it is used.
 */
public class EscapedThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return super.throwableProxyToString(OneLineMessages.of(throwable));
    }

    /** A throwable as Logback sees it, its message and those of its causes kept on one line. */
    private record OneLineMessages(IThrowableProxy original) implements IThrowableProxy {

        static @Nullable IThrowableProxy of(@Nullable IThrowableProxy throwable) {
            return throwable == null ? null : new OneLineMessages(throwable);
        }

        @Override
        public String getMessage() {
            return SafeText.oneLine(original.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return SafeText.oneLine(original.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return original.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return original.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return original.getCommonFrames();
        }

        @Override
        public @Nullable IThrowableProxy getCause() {
            return of(original.getCause());
        }

        @Override
        public IThrowableProxy @Nullable [] getSuppressed() {
            IThrowableProxy[] suppressed = original.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] wrapped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                wrapped[i] = of(suppressed[i]);
            }
            return wrapped;
        }

        @Override
        public boolean isCyclic() {
            return original.isCyclic();
        }
    }
}
