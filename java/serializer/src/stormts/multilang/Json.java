// The JSON the multilang protocol needs, read and written without Storm's shaded JSON library: numbers are read
// as Integer when they fit, else Long, else BigInteger (as the default serializer's parser does), fractions as
// Double; objects as HashMap and arrays as ArrayList, both types Storm's Kryo registers for tuples.
package stormts.multilang;

import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

public final class Json {
    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON document; anything malformed is an IOException saying where. */
    public static Object parse(String text) throws IOException {
        Json reader = new Json(text);
        reader.skipSpace();
        Object value = reader.value();
        reader.skipSpace();
        if (reader.at != text.length()) throw reader.error("unexpected text after the JSON value");
        return value;
    }

    /** Writes `value` as JSON; values JSON cannot hold (NaN, other objects) become null or their string form. */
    public static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String || value instanceof Character) {
            quote(value.toString(), out);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value).booleanValue() ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) out.append("null");
            else out.append(value.toString());
        } else if (value instanceof Number) {
            out.append(value.toString());
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Object o : ((Map<?, ?>) value).entrySet()) {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) o;
                if (!first) out.append(',');
                first = false;
                quote(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable) {
            out.append('[');
            Iterator<?> items = ((Iterable<?>) value).iterator();
            for (boolean first = true; items.hasNext(); first = false) {
                if (!first) out.append(',');
                write(items.next(), out);
            }
            out.append(']');
        } else if (value.getClass().isArray()) {
            out.append('[');
            int length = Array.getLength(value);
            for (int i = 0; i < length; i++) {
                if (i > 0) out.append(',');
                write(Array.get(value, i), out);
            }
            out.append(']');
        } else {
            quote(value.toString(), out);
        }
    }

    public static String toJson(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00");
                        out.append(Character.forDigit(c >> 4, 16));
                        out.append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private IOException error(String what) {
        String near = text.substring(at, Math.min(text.length(), at + 40));
        return new IOException("malformed multilang message: " + what + " at character " + at + " (near \"" + near + "\")");
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            at++;
        }
    }

    private Object value() throws IOException {
        if (at >= text.length()) throw error("unexpected end");
        char c = text.charAt(at);
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return string();
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        if (text.startsWith("true", at)) { at += 4; return Boolean.TRUE; }
        if (text.startsWith("false", at)) { at += 5; return Boolean.FALSE; }
        if (text.startsWith("null", at)) { at += 4; return null; }
        throw error("unexpected character '" + c + "'");
    }

    private Map<String, Object> object() throws IOException {
        Map<String, Object> map = new HashMap<String, Object>();
        at++;
        skipSpace();
        if (at < text.length() && text.charAt(at) == '}') { at++; return map; }
        for (;;) {
            skipSpace();
            if (at >= text.length() || text.charAt(at) != '"') throw error("expected a quoted key");
            String key = string();
            skipSpace();
            if (at >= text.length() || text.charAt(at) != ':') throw error("expected ':'");
            at++;
            skipSpace();
            map.put(key, value());
            skipSpace();
            if (at >= text.length()) throw error("unexpected end in an object");
            char c = text.charAt(at++);
            if (c == '}') return map;
            if (c != ',') { at--; throw error("expected ',' or '}'"); }
        }
    }

    private List<Object> array() throws IOException {
        List<Object> list = new ArrayList<Object>();
        at++;
        skipSpace();
        if (at < text.length() && text.charAt(at) == ']') { at++; return list; }
        for (;;) {
            skipSpace();
            list.add(value());
            skipSpace();
            if (at >= text.length()) throw error("unexpected end in an array");
            char c = text.charAt(at++);
            if (c == ']') return list;
            if (c != ',') { at--; throw error("expected ',' or ']'"); }
        }
    }

    private String string() throws IOException {
        at++;
        StringBuilder out = null;
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                String s = out == null ? text.substring(start, at) : out.append(text, start, at).toString();
                at++;
                return s;
            }
            if (c < 0x20) throw error("control character in a string");
            if (c != '\\') { at++; continue; }
            if (out == null) out = new StringBuilder();
            out.append(text, start, at);
            if (at + 1 >= text.length()) break;
            char e = text.charAt(at + 1);
            at += 2;
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    if (at + 4 > text.length()) throw error("short \\u escape");
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException bad) {
                        throw error("bad \\u escape");
                    }
                    at += 4;
                    break;
                default:
                    at -= 2;
                    throw error("bad escape");
            }
            start = at;
        }
        throw error("unterminated string");
    }

    private Number number() throws IOException {
        int start = at;
        if (text.charAt(at) == '-') at++;
        int digits = at;
        while (at < text.length() && Character.isDigit(text.charAt(at))) at++;
        if (at == digits) throw error("bad number");
        boolean fraction = false;
        if (at < text.length() && text.charAt(at) == '.') {
            fraction = true;
            at++;
            int decimals = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) at++;
            if (at == decimals) throw error("bad number");
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            fraction = true;
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) at++;
            int exponent = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) at++;
            if (at == exponent) throw error("bad number");
        }
        String s = text.substring(start, at);
        if (fraction) return Double.valueOf(s);
        if (at - digits <= 18) {
            long n = Long.parseLong(s);
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) return Integer.valueOf((int) n);
            return Long.valueOf(n);
        }
        BigInteger big = new BigInteger(s);
        return big.bitLength() < 64 ? (Number) Long.valueOf(big.longValue()) : big;
    }
}
