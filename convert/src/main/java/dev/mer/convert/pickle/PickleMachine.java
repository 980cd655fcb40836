package dev.mer.convert.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads one pickle (PROTO … STOP) from a stream without running any code. GLOBAL and
 * STACK_GLOBAL consult the caller's {@link Globals} whitelist at the moment they are read, so a
 * forbidden global is refused before anything after it is even decoded; REDUCE and NEWOBJ only
 * ever apply whitelisted callables; BINPERSID goes to the caller's {@link PersistentLoader}.
 *
 * <p>Every length in the stream is checked against {@code limit} (the bytes left in the file)
 * before anything is allocated, so a corrupt or hostile length cannot exhaust memory.
 *
 * <p>Supported: all of protocols 0–2 except INST, OBJ, EXT1/2/4 and PERSID (which torch never
 * writes), and the cheap protocol 3–5 opcodes (bytes, short strings, sets, STACK_GLOBAL, MEMOIZE,
 * FRAME). Not thread-safe; one instance loads one pickle.
 */
public final class PickleMachine {
    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "<mark>";
        }
    };

    private final InputStream in;
    private final long limit;
    private final Globals globals;
    private final PersistentLoader persistentLoader;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long position;

    /**
     * @param in the stream, positioned at the pickle's first byte; read exactly up to STOP
     * @param limit the most bytes the pickle may span (the rest of the file)
     */
    public PickleMachine(InputStream in, long limit, Globals globals, PersistentLoader persistentLoader) {
        this.in = in;
        this.limit = limit;
        this.globals = globals;
        this.persistentLoader = persistentLoader;
    }

    /** Loads a pickle that must hold plain data only (no globals, no persistent ids). */
    public static Object loadPlain(InputStream in, long limit) throws IOException {
        return new PickleMachine(in, limit, Globals.none(), PersistentLoader.none()).load();
    }

    /** The bytes consumed so far: after {@link #load()}, the pickle's length. */
    public long position() {
        return position;
    }

    /** Runs the machine to STOP and returns the pickled object. */
    public Object load() throws IOException {
        while (true) {
            long at = position;
            int op = u8();
            try {
                if (step(op)) {
                    if (stack.size() != 1) {
                        throw new PickleException("STOP with " + stack.size() + " objects on the stack");
                    }
                    return stack.get(0);
                }
            } catch (PickleException e) {
                if (e.getMessage().startsWith("pickle byte ")) {
                    throw e;
                }
                throw new PickleException(String.format(Locale.ROOT, "pickle byte %d (opcode 0x%02x): %s",
                        at, op, e.getMessage()));
            }
        }
    }

    /** Executes one opcode; true at STOP. */
    private boolean step(int op) throws IOException {
        switch (op) {
            case 0x80 -> { // PROTO
                int proto = u8();
                if (proto > 5) {
                    throw new PickleException("unsupported pickle protocol " + proto);
                }
            }
            case 0x95 -> skip(8) ; // FRAME: framing carries no meaning for a sequential reader
            case '.' -> {
                return true;
            }
            case '(' -> stack.add(MARK);
            case '0' -> pop();
            case '1' -> popMark();
            case '2' -> push(peek());
            case 'q' -> memo.put((long) u8(), peek());
            case 'r' -> memo.put(u32(), peek());
            case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
            case 'p' -> memo.put(parseLong(line()), peek());
            case 'h' -> push(memoGet(u8()));
            case 'j' -> push(memoGet(u32()));
            case 'g' -> push(memoGet(parseLong(line())));
            case 'K' -> push((long) u8());
            case 'M' -> push((long) u16());
            case 'J' -> push((long) s32());
            case 0x8a -> push(longBytes(u8())); // LONG1
            case 0x8b -> push(longBytes(length(s32()))); // LONG4
            case 'I' -> push(textInt(line()));
            case 'L' -> push(textLong(line()));
            case 'G' -> push(Double.longBitsToDouble(s64BigEndian()));
            case 'F' -> push(parseDouble(line()));
            case 'X' -> push(utf8(length(u32()))); // BINUNICODE
            case 0x8c -> push(utf8(u8())); // SHORT_BINUNICODE
            case 0x8d -> push(utf8(length(s64()))); // BINUNICODE8
            case 'U' -> push(latin1(u8())); // SHORT_BINSTRING: a Python 2 str
            case 'T' -> push(latin1(length(s32()))); // BINSTRING
            case 'S' -> push(quoted(line()));
            case 'V' -> push(rawUnicodeEscape(line()));
            case 'C' -> push(bytes(u8())); // SHORT_BINBYTES
            case 'B' -> push(bytes(length(u32()))); // BINBYTES
            case 0x8e -> push(bytes(length(s64()))); // BINBYTES8
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case ')' -> push(new PyTuple(List.of()));
            case 't' -> push(new PyTuple(popMark()));
            case 0x85 -> push(new PyTuple(popN(1)));
            case 0x86 -> push(new PyTuple(popN(2)));
            case 0x87 -> push(new PyTuple(popN(3)));
            case ']' -> push(new ArrayList<>());
            case 'l' -> push(new ArrayList<>(popMark()));
            case 'a' -> {
                Object v = pop();
                list(peek()).add(v);
            }
            case 'e' -> {
                List<Object> items = popMark();
                list(peek()).addAll(items);
            }
            case '}' -> push(new LinkedHashMap<>());
            case 'd' -> push(dictOf(new LinkedHashMap<>(), popMark()));
            case 's' -> {
                Object v = pop();
                Object k = pop();
                dict(peek()).put(k, v);
            }
            case 'u' -> {
                List<Object> items = popMark();
                dictOf(dict(peek()), items);
            }
            case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
            case 0x90 -> { // ADDITEMS
                List<Object> items = popMark();
                set(peek()).addAll(items);
            }
            case 0x91 -> push(new LinkedHashSet<>(popMark())); // FROZENSET
            case 'c' -> push(globals.resolve(line(), line()));
            case 0x93 -> { // STACK_GLOBAL
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new PickleException("STACK_GLOBAL needs two strings, found " + Python.typeName(module)
                            + " and " + Python.typeName(name));
                }
                push(globals.resolve(m, n));
            }
            case 'R', 0x81 -> { // REDUCE, NEWOBJ: apply a whitelisted callable
                Object args = pop();
                Object f = pop();
                if (!(f instanceof Globals.Callable callable)) {
                    throw new PickleException("cannot call a " + Python.typeName(f));
                }
                if (!(args instanceof PyTuple t)) {
                    throw new PickleException("arguments must be a tuple, found " + Python.typeName(args));
                }
                push(callable.call(t));
            }
            case 'b' -> { // BUILD
                Object state = pop();
                Object target = peek();
                // torch's state_dict is an OrderedDict with a _metadata attribute set by BUILD:
                // attributes of a dict are irrelevant to its items, so they are dropped.
                if (!(target instanceof Map<?, ?>)) {
                    throw new PickleException("BUILD is only allowed on dicts, not on " + Python.typeName(target)
                            + " (state " + Python.typeName(state) + ")");
                }
            }
            case 'Q' -> push(persistentLoader.load(pop())); // BINPERSID
            case 'P' -> throw new PickleException("text persistent ids (PERSID) are not supported");
            case 'i', 'o' -> throw new PickleException("INST/OBJ (arbitrary class instances) are not allowed");
            case 0x82, 0x83, 0x84 -> throw new PickleException("extension registry codes (EXT) are not allowed");
            default -> throw new PickleException(String.format(Locale.ROOT, "unknown opcode 0x%02x", op));
        }
        return false;
    }

    // --- stack ---

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws PickleException {
        if (stack.isEmpty()) {
            throw new PickleException("stack underflow");
        }
        Object o = stack.remove(stack.size() - 1);
        if (o == MARK) {
            throw new PickleException("unexpected mark");
        }
        return o;
    }

    private Object peek() throws PickleException {
        if (stack.isEmpty()) {
            throw new PickleException("stack underflow");
        }
        Object o = stack.get(stack.size() - 1);
        if (o == MARK) {
            throw new PickleException("unexpected mark");
        }
        return o;
    }

    private List<Object> popN(int n) throws PickleException {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return java.util.Arrays.asList(items);
    }

    private List<Object> popMark() throws PickleException {
        int m = stack.lastIndexOf(MARK);
        if (m < 0) {
            throw new PickleException("no mark on the stack");
        }
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private Object memoGet(long index) throws PickleException {
        if (!memo.containsKey(index)) {
            throw new PickleException("memo index " + index + " was never stored");
        }
        return memo.get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) throws PickleException {
        if (!(o instanceof List<?> l)) {
            throw new PickleException("cannot append to a " + Python.typeName(o));
        }
        return (List<Object>) l;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) throws PickleException {
        if (!(o instanceof Map<?, ?> m)) {
            throw new PickleException("cannot set an item of a " + Python.typeName(o));
        }
        return (Map<Object, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> set(Object o) throws PickleException {
        if (!(o instanceof Set<?> s)) {
            throw new PickleException("cannot add items to a " + Python.typeName(o));
        }
        return (Set<Object>) s;
    }

    private static Map<Object, Object> dictOf(Map<Object, Object> map, List<Object> items) throws PickleException {
        if (items.size() % 2 != 0) {
            throw new PickleException("odd number of items for a dict");
        }
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
        return map;
    }

    // --- input ---

    private int u8() throws IOException {
        if (position >= limit) {
            throw new PickleException("the pickle runs past the end of the file (truncated?)");
        }
        int b = in.read();
        if (b < 0) {
            throw new PickleException("the pickle ends without STOP (truncated?)");
        }
        position++;
        return b;
    }

    private byte[] raw(int n) throws IOException {
        if (n > limit - position) {
            throw new PickleException("the pickle runs past the end of the file (truncated?)");
        }
        byte[] b = in.readNBytes(n);
        position += b.length;
        if (b.length < n) {
            throw new PickleException("the pickle ends without STOP (truncated?)");
        }
        return b;
    }

    private void skip(int n) throws IOException {
        raw(n);
    }

    private int u16() throws IOException {
        return u8() | u8() << 8;
    }

    private int s32() throws IOException {
        return u8() | u8() << 8 | u8() << 16 | u8() << 24;
    }

    private long u32() throws IOException {
        return s32() & 0xFFFFFFFFL;
    }

    private long s64() throws IOException {
        return u32() | u32() << 32;
    }

    private long s64BigEndian() throws IOException {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | u8();
        }
        return v;
    }

    /** A length from the stream, checked against what is left before anything is allocated. */
    private int length(long n) throws PickleException {
        if (n < 0 || n > limit - position || n > Integer.MAX_VALUE - 16) {
            throw new PickleException("length " + n + " exceeds the " + (limit - position) + " bytes left (corrupt?)");
        }
        return (int) n;
    }

    private byte[] bytes(int n) throws IOException {
        return raw(n);
    }

    private String utf8(int n) throws IOException {
        return new String(raw(length(n)), StandardCharsets.UTF_8);
    }

    private String latin1(int n) throws IOException {
        // Python 2 str in a torch file is ASCII (keys, 'cpu', 'storage'); torch decodes it the same way.
        return new String(raw(length(n)), StandardCharsets.ISO_8859_1);
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = u8();
            if (c == '\n') {
                return b.toString();
            }
            if (b.length() > 1 << 16) {
                throw new PickleException("text argument longer than 64 KiB");
            }
            b.append((char) c);
        }
    }

    private Object longBytes(int n) throws IOException {
        if (n == 0) {
            return 0L;
        }
        byte[] le = raw(length(n));
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        return normalize(new BigInteger(be));
    }

    private static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static long parseLong(String s) throws PickleException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new PickleException("bad integer '" + s + "'");
        }
    }

    private static Object textInt(String s) throws PickleException {
        if (s.equals("00")) {
            return Boolean.FALSE;
        }
        if (s.equals("01")) {
            return Boolean.TRUE;
        }
        return textLong(s);
    }

    private static Object textLong(String s) throws PickleException {
        String t = s.endsWith("L") ? s.substring(0, s.length() - 1) : s;
        try {
            return normalize(new BigInteger(t.trim()));
        } catch (NumberFormatException e) {
            throw new PickleException("bad integer '" + s + "'");
        }
    }

    private static double parseDouble(String s) throws PickleException {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new PickleException("bad float '" + s + "'");
        }
    }

    private static String quoted(String s) throws PickleException {
        if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1) || (s.charAt(0) != '\'' && s.charAt(0) != '"')) {
            throw new PickleException("bad STRING argument " + s);
        }
        // Enough for the ASCII identifiers torch writes; full escape handling is not needed.
        return s.substring(1, s.length() - 1).replace("\\'", "'").replace("\\\\", "\\");
    }

    private static String rawUnicodeEscape(String s) throws PickleException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 5 < s.length() + 0 && s.charAt(i + 1) == 'u') {
                String hex = s.substring(i + 2, i + 6);
                // Python's raw-unicode-escape refuses such an escape too (issue 16's fuzzing finding:
                // it was a NumberFormatException, exit 70).
                if (!hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    throw new PickleException("bad \\u escape '\\u" + hex + "' in a UNICODE argument");
                }
                b.append((char) Integer.parseInt(hex, 16));
                i += 5;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
