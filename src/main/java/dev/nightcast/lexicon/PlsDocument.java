package dev.nightcast.lexicon;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;

/**
 * Reads a W3C Pronunciation Lexicon Specification 1.0 document, the format Azure's custom lexicons
 * use: {@code <lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon">} with
 * {@code <lexeme>}s of one or more {@code <grapheme>}s and an {@code <alias>} (the preferred one, or
 * the first). A lexeme with only {@code <phoneme>}s is a problem: the Realtime API takes no phonemes,
 * and ignoring it would narrate the word unchanged without a word of warning.
 *
 * <p>The file is untrusted: a DOCTYPE is refused outright (no DTD, no entity, nothing fetched), and
 * the parser is told not to support DTDs or external entities in the first place.
 */
final class PlsDocument {

    static final String NAMESPACE = "http://www.w3.org/2005/01/pronunciation-lexicon";

    private static final XMLInputFactory FACTORY = factory();

    private PlsDocument() {}

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    /** A lexeme as written: its graphemes, its alias (null when none) and its phonemes. */
    record Lexeme(
            int line, List<String> graphemes, @Nullable String alias, int phonemes) {}

    /**
     * The lexemes of {@code text}; what is wrong is added to {@code problems} as
     * {@code name:line: …}, and reading stops at the first XML error.
     */
    static List<Lexeme> read(String text, String name, List<String> problems) {
        List<Lexeme> lexemes = new ArrayList<>();
        XMLStreamReader xml = null;
        try {
            synchronized (FACTORY) {
                xml = FACTORY.createXMLStreamReader(new StringReader(text));
            }
            boolean root = true;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    problems.add(name + ":" + line(xml) + ": a DOCTYPE is not allowed in a lexicon (no DTDs, no"
                            + " entities); remove it");
                    return List.of();
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (root) {
                    root = false;
                    if (!"lexicon".equals(xml.getLocalName()) || !NAMESPACE.equals(xml.getNamespaceURI())) {
                        problems.add(name + ":" + line(xml) + ": not a PLS lexicon: the root element is <"
                                + xml.getLocalName() + "> in namespace '" + nullToEmpty(xml.getNamespaceURI())
                                + "'; expected <lexicon version=\"1.0\" xmlns=\"" + NAMESPACE + "\">");
                        return List.of();
                    }
                    String version = xml.getAttributeValue(null, "version");
                    if (version != null && !"1.0".equals(version.strip())) {
                        problems.add(name + ":" + line(xml) + ": PLS version '" + version + "' is not supported;"
                                + " expected 1.0");
                    }
                } else if ("lexeme".equals(xml.getLocalName())) {
                    lexemes.add(lexeme(xml, name, problems));
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNumber());
            problems.add(name + ":" + line + ": not a PLS lexicon: the XML is not well-formed: "
                    + firstLine(e.getMessage()));
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // nothing is held open: the text is in memory
                }
            }
        }
        return lexemes;
    }

    /** One lexeme, the reader on its start tag; returns with the reader on its end tag. */
    private static Lexeme lexeme(XMLStreamReader xml, String name, List<String> problems) throws XMLStreamException {
        int line = line(xml);
        List<String> graphemes = new ArrayList<>();
        String alias = null;
        String preferred = null;
        int phonemes = 0;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String element = xml.getLocalName();
                boolean prefer = "true".equals(xml.getAttributeValue(null, "prefer"));
                switch (element) {
                    case "grapheme" -> graphemes.add(Lexicon.collapse(xml.getElementText()));
                    case "alias" -> {
                        String text = Lexicon.collapse(xml.getElementText());
                        if (alias == null) {
                            alias = text;
                        }
                        if (prefer && preferred == null) {
                            preferred = text;
                        }
                    }
                    case "phoneme" -> {
                        phonemes++;
                        xml.getElementText();
                    }
                    default -> depth++;
                }
            }
        }
        return new Lexeme(line, graphemes, preferred != null ? preferred : alias, phonemes);
    }

    private static int line(XMLStreamReader xml) {
        return Math.max(1, xml.getLocation().getLineNumber());
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        // The JDK's messages start with "ParseError at [row,col]:[r,c]\nMessage: …".
        int at = message.indexOf("Message: ");
        String text = at >= 0 ? message.substring(at + "Message: ".length()) : message;
        return text.lines().findFirst().orElse("").strip();
    }
}
