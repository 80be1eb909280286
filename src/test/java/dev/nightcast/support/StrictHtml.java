package dev.nightcast.support;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import nu.validator.htmlparser.common.XmlViolationPolicy;
import nu.validator.htmlparser.sax.HtmlParser;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The validator.nu HTML5 parser (the algorithm browsers implement) with every parse error
 * collected: a page a browser shows "fine" can still hold a forbidden code point or broken markup.
 */
public final class StrictHtml {

    private StrictHtml() {}

    /** The parse errors of {@code html}, each with its line; empty for a conforming document. */
    public static List<String> parseErrors(String html) throws IOException, SAXException {
        List<String> errors = new ArrayList<>();
        HtmlParser parser = new HtmlParser(XmlViolationPolicy.ALLOW);
        parser.setContentHandler(new DefaultHandler());
        parser.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // Warnings are advice (e.g. about the character encoding declaration), not errors.
            }

            @Override
            public void error(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        parser.parse(new InputSource(new StringReader(html)));
        return errors;
    }
}
