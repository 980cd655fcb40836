package dev.mer.convert.pickle;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes pickles at protocol 2 the way CPython 3's C pickler ({@code _pickle.c}, what
 * {@code pickle.dumps(obj, protocol=2)} and {@code torch.save} use) writes them, byte for byte, for
 * the values below. Java object identity stands for Python object identity: an object met a second
 * time is written as a memo reference (BINGET), as CPython does for the same {@code id()}.
 *
 * <table>
 *   <caption>Java values and what they pickle as</caption>
 *   <tr><th>Java</th><th>Python</th><th>opcodes</th></tr>
 *   <tr><td>null</td><td>None</td><td>NONE</td></tr>
 *   <tr><td>{@link Boolean}</td><td>bool</td><td>NEWTRUE, NEWFALSE</td></tr>
 *   <tr><td>{@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger}</td><td>int</td>
 *       <td>BININT1, BININT2, BININT, else LONG1/LONG4 (not memoized)</td></tr>
 *   <tr><td>{@link Double}, {@link Float} (widened)</td><td>float</td><td>BINFLOAT, big-endian (not memoized)</td></tr>
 *   <tr><td>{@link String}</td><td>str</td><td>BINUNICODE, UTF-8 with lone surrogates as CPython's
 *       {@code surrogatepass}; memoized</td></tr>
 *   <tr><td>{@link PyTuple}</td><td>tuple</td><td>EMPTY_TUPLE (not memoized), TUPLE1/2/3, MARK … TUPLE</td></tr>
 *   <tr><td>{@link List}</td><td>list</td><td>EMPTY_LIST, then APPEND (one item) or MARK … APPENDS in
 *       batches of 1000</td></tr>
 *   <tr><td>{@link Map} (its iteration order)</td><td>dict</td><td>EMPTY_DICT, then SETITEM (one item) or
 *       MARK … SETITEMS in batches of 1000</td></tr>
 *   <tr><td>{@link PyGlobal}</td><td>a class or function</td><td>GLOBAL (memoized by module and name)</td></tr>
 *   <tr><td>{@link Reducible} ({@link PyOrderedDict}, {@link PyNamespace}, …)</td><td>an object</td>
 *       <td>its {@link Reduction}: REDUCE or NEWOBJ, items, BUILD</td></tr>
 * </table>
 *
 * <p>Every memoized object gets the next memo index with BINPUT (LONG_BINPUT from 256), later
 * references are BINGET (LONG_BINGET). The batching follows {@code _pickle.c}: {@code
 * batch_list_exact} and {@code batch_dict_exact} for lists and dicts (a dict of exactly 1000·k
 * items ends with an empty MARK SETITEMS, as CPython's does), {@code batch_list} and {@code
 * batch_dict} for a reduction's items. Opcodes: {@code docs/formats/torch-save.md} §4.2.
 *
 * <p>A persistent-id function, as {@code Pickler.persistent_id}, is consulted first for every
 * object: when it returns an id, the id is pickled (without consulting the function for the id
 * itself) and followed by BINPERSID. That is how {@code torch.save} replaces storages by
 * references to records outside the pickle.
 *
 * <p>Like {@code pickle.Pickler}, the memo lives as long as the writer: two {@link #dump} calls
 * on one writer share it. Not thread-safe. Values it cannot pickle raise
 * {@link IllegalArgumentException}.
 */
public final class PickleWriter {
    private static final int BATCHSIZE = 1000;
    private static final int PROTO = 0x80;
    private static final int STOP = '.';
    private static final int MARK = '(';
    private static final int POP = '0';
    private static final int POP_MARK = '1';
    private static final int BINPUT = 'q';
    private static final int LONG_BINPUT = 'r';
    private static final int BINGET = 'h';
    private static final int LONG_BINGET = 'j';
    private static final int NONE = 'N';
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    private static final int BININT1 = 'K';
    private static final int BININT2 = 'M';
    private static final int BININT = 'J';
    private static final int LONG1 = 0x8a;
    private static final int LONG4 = 0x8b;
    private static final int BINFLOAT = 'G';
    private static final int BINUNICODE = 'X';
    private static final int EMPTY_TUPLE = ')';
    private static final int TUPLE = 't';
    private static final int[] TUPLE_N = {EMPTY_TUPLE, 0x85, 0x86, 0x87};
    private static final int EMPTY_LIST = ']';
    private static final int APPEND = 'a';
    private static final int APPENDS = 'e';
    private static final int EMPTY_DICT = '}';
    private static final int SETITEM = 's';
    private static final int SETITEMS = 'u';
    private static final int GLOBAL = 'c';
    private static final int REDUCE = 'R';
    private static final int NEWOBJ = 0x81;
    private static final int BUILD = 'b';
    private static final int BINPERSID = 'Q';

    private final Function<Object, Object> persistentId;
    private final IdentityHashMap<Object, Integer> memo = new IdentityHashMap<>();
    private final Map<PyGlobal, Integer> globalMemo = new HashMap<>();
    private Out out;

    /** A writer without persistent ids. */
    public PickleWriter() {
        this(value -> null);
    }

    /**
     * @param persistentId for each object, its persistent id, or null to pickle the object itself
     *     ({@code Pickler.persistent_id})
     */
    public PickleWriter(Function<Object, Object> persistentId) {
        this.persistentId = Objects.requireNonNull(persistentId, "persistentId");
    }

    /** {@code pickle.dumps(value, protocol=2)}. */
    public static byte[] dumps(Object value) {
        return new PickleWriter().dump(value);
    }

    /** One pickle of {@code value}: PROTO 2, the value, STOP. */
    public byte[] dump(Object value) {
        out = new Out();
        out.write(PROTO);
        out.write(2);
        save(value, false);
        out.write(STOP);
        byte[] result = out.toByteArray();
        out = null;
        return result;
    }

    private void save(Object obj, boolean isPersistentId) {
        if (!isPersistentId) {
            Object pid = persistentId.apply(obj);
            if (pid != null) {
                save(pid, true);
                out.write(BINPERSID);
                return;
            }
        }
        if (obj == null) {
            out.write(NONE);
            return;
        }
        if (obj instanceof Boolean b) {
            out.write(b ? NEWTRUE : NEWFALSE);
            return;
        }
        if (obj instanceof Long || obj instanceof Integer || obj instanceof Short || obj instanceof Byte) {
            saveLong(((Number) obj).longValue());
            return;
        }
        if (obj instanceof BigInteger big) {
            saveBigInteger(big);
            return;
        }
        if (obj instanceof Double || obj instanceof Float) {
            out.write(BINFLOAT);
            out.writeLongBigEndian(Double.doubleToRawLongBits(((Number) obj).doubleValue()));
            return;
        }
        Integer memoized = obj instanceof PyGlobal g ? globalMemo.get(g) : memo.get(obj);
        if (memoized != null) {
            memoGet(memoized);
            return;
        }
        if (obj instanceof String s) {
            byte[] utf8 = utf8SurrogatePass(s);
            out.write(BINUNICODE);
            out.writeIntLittleEndian(utf8.length);
            out.write(utf8, 0, utf8.length);
            memoPut(obj);
        } else if (obj instanceof PyTuple t) {
            saveTuple(t);
        } else if (obj instanceof List<?> l) {
            out.write(EMPTY_LIST);
            memoPut(obj);
            batchListExact(l);
        } else if (obj instanceof Map<?, ?> m) {
            out.write(EMPTY_DICT);
            memoPut(obj);
            batchDictExact(m);
        } else if (obj instanceof PyGlobal g) {
            out.write(GLOBAL);
            byte[] line = (g.module() + "\n" + g.name() + "\n").getBytes(StandardCharsets.US_ASCII);
            out.write(line, 0, line.length);
            memoPut(obj);
        } else if (obj instanceof Reducible r) {
            saveReduce(obj, Objects.requireNonNull(r.reduce(), "reduce()"));
        } else {
            throw new IllegalArgumentException("cannot pickle a " + obj.getClass().getName() + " (" + obj + "): "
                    + "PickleWriter writes null, Boolean, integers, Double/Float, String, PyTuple, List, Map, "
                    + "PyGlobal and Reducible values");
        }
    }

    /** {@code save_long}: BININT1/BININT2/BININT for 32-bit values, LONG1 beyond. */
    private void saveLong(long v) {
        if (v >= 0 && v <= 0xFF) {
            out.write(BININT1);
            out.write((int) v);
        } else if (v >= 0 && v <= 0xFFFF) {
            out.write(BININT2);
            out.write((int) v & 0xFF);
            out.write((int) (v >>> 8) & 0xFF);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write(BININT);
            out.writeIntLittleEndian((int) v);
        } else {
            saveBigInteger(BigInteger.valueOf(v));
        }
    }

    private void saveBigInteger(BigInteger v) {
        if (v.bitLength() < 32) {
            saveLong(v.longValue());
            return;
        }
        // encode_long: the shortest little-endian two's complement, which is Java's big-endian one reversed.
        byte[] be = v.toByteArray();
        int n = be.length;
        if (n < 256) {
            out.write(LONG1);
            out.write(n);
        } else {
            out.write(LONG4);
            out.writeIntLittleEndian(n);
        }
        for (int i = n - 1; i >= 0; i--) {
            out.write(be[i] & 0xFF);
        }
    }

    /** {@code save_tuple}, including the memo check after the elements that recursive tuples need. */
    private void saveTuple(PyTuple t) {
        int n = t.size();
        if (n == 0) {
            out.write(EMPTY_TUPLE);
            return;
        }
        if (n <= 3) {
            for (Object item : t.items()) {
                save(item, false);
            }
            Integer self = memo.get(t);
            if (self != null) {
                // The tuple was reached through one of its own elements: drop the copies, use the memo.
                for (int i = 0; i < n; i++) {
                    out.write(POP);
                }
                memoGet(self);
                return;
            }
            out.write(TUPLE_N[n]);
        } else {
            out.write(MARK);
            for (Object item : t.items()) {
                save(item, false);
            }
            Integer self = memo.get(t);
            if (self != null) {
                out.write(POP_MARK);
                memoGet(self);
                return;
            }
            out.write(TUPLE);
        }
        memoPut(t);
    }

    /** {@code batch_list_exact}. */
    private void batchListExact(List<?> l) {
        int size = l.size();
        if (size == 0) {
            return;
        }
        if (size == 1) {
            save(l.get(0), false);
            out.write(APPEND);
            return;
        }
        Iterator<?> it = l.iterator();
        int total = 0;
        do {
            int batch = 0;
            out.write(MARK);
            while (total < size) {
                save(it.next(), false);
                total++;
                if (++batch == BATCHSIZE) {
                    break;
                }
            }
            out.write(APPENDS);
        } while (total < size);
    }

    /** {@code batch_dict_exact}: like CPython, a multiple of 1000 items ends with an empty MARK SETITEMS. */
    private void batchDictExact(Map<?, ?> m) {
        int size = m.size();
        if (size == 0) {
            return;
        }
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        if (size == 1) {
            Map.Entry<?, ?> e = it.next();
            save(e.getKey(), false);
            save(e.getValue(), false);
            out.write(SETITEM);
            return;
        }
        int i;
        do {
            i = 0;
            out.write(MARK);
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                save(e.getKey(), false);
                save(e.getValue(), false);
                if (++i == BATCHSIZE) {
                    break;
                }
            }
            out.write(SETITEMS);
        } while (i == BATCHSIZE);
    }

    /** {@code batch_list}: a reduction's list items, from an iterator. */
    private void batchList(Iterator<?> it) {
        int n;
        do {
            if (!it.hasNext()) {
                return;
            }
            Object first = it.next();
            if (!it.hasNext()) {
                save(first, false);
                out.write(APPEND);
                return;
            }
            out.write(MARK);
            save(first, false);
            n = 1;
            while (it.hasNext()) {
                save(it.next(), false);
                if (++n == BATCHSIZE) {
                    break;
                }
            }
            out.write(APPENDS);
        } while (n == BATCHSIZE);
    }

    /** {@code batch_dict}: a reduction's dict items, from an iterator. */
    private void batchDict(Iterator<? extends Map.Entry<?, ?>> it) {
        int n;
        do {
            if (!it.hasNext()) {
                return;
            }
            Map.Entry<?, ?> first = it.next();
            if (!it.hasNext()) {
                save(first.getKey(), false);
                save(first.getValue(), false);
                out.write(SETITEM);
                return;
            }
            out.write(MARK);
            save(first.getKey(), false);
            save(first.getValue(), false);
            n = 1;
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                save(e.getKey(), false);
                save(e.getValue(), false);
                if (++n == BATCHSIZE) {
                    break;
                }
            }
            out.write(SETITEMS);
        } while (n == BATCHSIZE);
    }

    /** {@code save_reduce}. */
    private void saveReduce(Object obj, Reduction r) {
        save(r.callable(), false);
        save(r.args(), false);
        out.write(r.newObject() ? NEWOBJ : REDUCE);
        Integer self = memo.get(obj);
        if (self != null) {
            out.write(POP);
            memoGet(self);
        } else {
            memoPut(obj);
        }
        if (r.listItems() != null) {
            batchList(r.listItems().iterator());
        }
        if (r.dictItems() != null) {
            batchDict(r.dictItems().entrySet().iterator());
        }
        if (r.state() != null) {
            save(r.state(), false);
            out.write(BUILD);
        }
    }

    private void memoPut(Object obj) {
        int index = memo.size() + globalMemo.size();
        if (obj instanceof PyGlobal g) {
            globalMemo.put(g, index);
        } else {
            memo.put(obj, index);
        }
        if (index < 256) {
            out.write(BINPUT);
            out.write(index);
        } else {
            out.write(LONG_BINPUT);
            out.writeIntLittleEndian(index);
        }
    }

    private void memoGet(int index) {
        if (index < 256) {
            out.write(BINGET);
            out.write(index);
        } else {
            out.write(LONG_BINGET);
            out.writeIntLittleEndian(index);
        }
    }

    /**
     * UTF-8 as CPython's {@code str.encode('utf-8', 'surrogatepass')}: a lone surrogate becomes its
     * three-byte encoding instead of the replacement that Java's encoder would write.
     */
    static byte[] utf8SurrogatePass(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            }
            if (cp < 0x80) {
                b.write(cp);
            } else if (cp < 0x800) {
                b.write(0xC0 | cp >> 6);
                b.write(0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                b.write(0xE0 | cp >> 12);
                b.write(0x80 | cp >> 6 & 0x3F);
                b.write(0x80 | cp & 0x3F);
            } else {
                b.write(0xF0 | cp >> 18);
                b.write(0x80 | cp >> 12 & 0x3F);
                b.write(0x80 | cp >> 6 & 0x3F);
                b.write(0x80 | cp & 0x3F);
            }
        }
        return b.toByteArray();
    }

    /** The pickle being written. */
    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        void writeIntLittleEndian(int v) {
            write(v & 0xFF);
            write(v >>> 8 & 0xFF);
            write(v >>> 16 & 0xFF);
            write(v >>> 24 & 0xFF);
        }

        void writeLongBigEndian(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (v >>> shift) & 0xFF);
            }
        }
    }
}
