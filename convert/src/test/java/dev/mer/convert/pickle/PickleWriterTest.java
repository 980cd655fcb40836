package dev.mer.convert.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.Python3;
import dev.mer.dataset.files.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PickleWriterTest {
    /**
     * One value in Python and in Java, and what CPython 3.11's {@code pickle.dumps(v, 2)} wrote for
     * it (Debian's 3.11.2 and 3.11.7 agree): the hex of the pickle, or {@code sha256:} of a long one.
     * The Java values mirror Python's object identity: where Python's code object shares one
     * constant (the {@code (1,)} of {@code tuples}), the Java value shares one object.
     */
    record Case(String name, String python, Supplier<Object> java, String cpython) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<Object, Object> dict(Object... keyValues) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(java.util.Arrays.asList(items));
    }

    private static List<Object> range(long n) {
        return LongStream.range(0, n).boxed().collect(Collectors.toCollection(ArrayList::new));
    }

    private static Map<Object, Object> identityDict(long n) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (long i = 0; i < n; i++) {
            m.put(i, i);
        }
        return m;
    }

    static List<Case> cases() {
        return List.of(
                new Case("singletons", "v = [None, True, False]", () -> list(null, true, false),
                        "80025d7100284e8889652e"),
                new Case("ints", "v = [0, 1, 255, 256, 65535, 65536, -1, -128, -129, -256, 2**31-1, -2**31, 2**31, "
                        + "-2**31-1, 2**32, 2**63-1, -2**63, 2**64, -2**64, 127, 128, -32768]",
                        () -> list(0, 1L, 255, 256L, 65535, 65536L, -1, -128L, (short) -129, -256L, Integer.MAX_VALUE,
                                (long) Integer.MIN_VALUE, 1L << 31, -(1L << 31) - 1, 1L << 32, Long.MAX_VALUE,
                                Long.MIN_VALUE, BigInteger.TWO.pow(64), BigInteger.TWO.pow(64).negate(), (byte) 127,
                                BigInteger.valueOf(128), -32768),
                        "80025d7100284b004b014bff4d00014dffff4a000001004affffffff4a80ffffff4a7fffffff4a00ffffff4affffff7f"
                        + "4a000000808a0500000080008a05ffffff7fff8a0500000000018a08ffffffffffffff7f8a08000000000000008"
                        + "08a090000000000000000018a090000000000000000ff4b7f4b804a0080ffff652e"),
                new Case("bigInts", "v = (2**2100, -2**2100, 2**2047, -2**2047 - 1)",
                        () -> PyTuple.of(BigInteger.TWO.pow(2100), BigInteger.TWO.pow(2100).negate(),
                                BigInteger.TWO.pow(2047), BigInteger.TWO.pow(2047).negate().subtract(BigInteger.ONE)),
                        "sha256:c818ac5a104285df3063096c0e1e2f300d1cb871402995cbc67730577d9741be"),
                new Case("floats", "v = [0.0, -0.0, 1.5, 0.1, 1e300, -1e-300, float('inf'), float('-inf'), "
                        + "float('nan'), 0.10000000149011612, 2.5e-45]",
                        () -> list(0.0, -0.0, 1.5, 0.1, 1e300, -1e-300, Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY, Double.NaN, 0.1f, 2.5e-45),
                        "80025d710028470000000000000000478000000000000000473ff8000000000000473fb999999999999a477e37e43c8"
                        + "800759c4781a56e1fc2f8f359477ff000000000000047fff0000000000000477ff8000000000000473fb99999a0"
                        + "0000004736ac8b8218854567652e"),
                new Case("strings", "v = ['', 'abc', '\\u00e9', '\\U0001F600', 'a\\ud800b', 'x' * 300]",
                        () -> list("", "abc", "\u00e9", "\uD83D\uDE00", "a\ud800b", "x".repeat(300)),
                        "sha256:5ca10e2cd2baff3dd1d3970b8d7feab3804735e76e98cd562eabf216818f6877"),
                new Case("tuples", "v = [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((),), ((1,), [2]), "
                        + "('a', ('b', ('c', ('d',))))]",
                        () -> {
                            PyTuple one = PyTuple.of(1L); // one constant of the code object in Python
                            return list(PyTuple.EMPTY, one, PyTuple.of(1L, 2L), PyTuple.of(1L, 2L, 3L),
                                    PyTuple.of(1L, 2L, 3L, 4L), PyTuple.of(PyTuple.EMPTY), PyTuple.of(one, list(2L)),
                                    PyTuple.of("a", PyTuple.of("b", PyTuple.of("c", PyTuple.of("d")))));
                        },
                        "80025d710028294b018571014b014b028671024b014b024b03877103284b014b024b034b047471042985710568015d"
                        + "71064b026186710758010000006171085801000000627109580100000063710a580100000064710b85710c8671"
                        + "0d86710e86710f652e"),
                new Case("sharedObjects", "a = 'shared'; l = [1]; v = [a, a, (a,), {a: a}, l, l, (l, l)]",
                        () -> {
                            String a = new String("shared");
                            List<Object> l = list(1);
                            return list(a, a, PyTuple.of(a), dict(a, a), l, l, PyTuple.of(l, l));
                        },
                        "80025d71002858060000007368617265647101680168018571027d710368016801735d71044b0161680468046804867"
                        + "105652e"),
                new Case("equalButDistinctStrings", "v = ['ab' + str(1), 'ab' + str(1)]",
                        () -> list(new String("ab1"), new String("ab1")),
                        "80025d7100285803000000616231710158030000006162317102652e"),
                new Case("longMemo", "l = ['k%d' % i for i in range(300)]; v = [l, l[299], l[0], l[255], l[256]]",
                        () -> {
                            List<Object> l = new ArrayList<>();
                            for (int i = 0; i < 300; i++) {
                                l.add("k" + i);
                            }
                            return list(l, l.get(299), l.get(0), l.get(255), l.get(256));
                        },
                        "sha256:e1917099ac26c74a7f6a49807804f15d7b5a724e49b08db7951d8fc9484aa574"),
                new Case("oneItemContainers", "v = [[1], {'k': 2}, [], {}]",
                        () -> list(list(1), dict("k", 2), list(), dict()),
                        "80025d7100285d71014b01617d710258010000006b71034b02735d71047d7105652e"),
                new Case("dicts", "v = {1: 'a', (1, 2): None, 'x': [1.5, {'y': ()}]}",
                        () -> dict(1, "a", PyTuple.of(1, 2), null, "x", list(1.5, dict("y", PyTuple.EMPTY))),
                        "80027d7100284b0158010000006171014b014b028671024e58010000007871035d710428473ff80000000000007d71"
                        + "055801000000797106297365752e"),
                new Case("globals", "v = [OrderedDict, OrderedDict, argparse.Namespace]",
                        () -> list(PyOrderedDict.CLASS, new PyGlobal("collections", "OrderedDict"), PyNamespace.CLASS),
                        "80025d71002863636f6c6c656374696f6e730a4f726465726564446963740a710168016361726770617273650a4e"
                        + "616d6573706163650a7102652e"),
                new Case("orderedDicts", "v = [OrderedDict(), OrderedDict([('a', 1), ('b', 2.5)]), "
                        + "OrderedDict([('z', None)])]",
                        () -> list(new PyOrderedDict(), PyOrderedDict.of(dict("a", 1, "b", 2.5)),
                                PyOrderedDict.of(dict("z", null))),
                        "80025d71002863636f6c6c656374696f6e730a4f726465726564446963740a71012952710268012952710328580100"
                        + "00006171044b0158010000006271054740040000000000007568012952710658010000007a71074e73652e"),
                new Case("orderedDictWithAttributes", "od = OrderedDict([('w', 1), ('b', 2)]); od._metadata = "
                        + "OrderedDict([('', {'version': 1}), ('net', {'version': 1})]); v = od",
                        () -> PyOrderedDict.of(dict("w", 1, "b", 2)).withAttributes(Map.of("_metadata",
                                PyOrderedDict.of(dict("", dict("version", 1), "net", dict("version", 1))))),
                        "800263636f6c6c656374696f6e730a4f726465726564446963740a7100295271012858010000007771024b01580100"
                        + "00006271034b02757d710458090000005f6d65746164617461710568002952710628580000000071077d710858"
                        + "0700000076657273696f6e71094b017358030000006e6574710a7d710b68094b01737573622e"),
                new Case("namespaces", "v = [argparse.Namespace(), argparse.Namespace(a=1, b='x', c=None, d=1.5, "
                        + "e=True, f=[1, 2])]",
                        () -> {
                            Map<String, Object> attributes = new LinkedHashMap<>();
                            attributes.put("a", 1);
                            attributes.put("b", "x");
                            attributes.put("c", null);
                            attributes.put("d", 1.5);
                            attributes.put("e", true);
                            attributes.put("f", list(1, 2));
                            return list(PyNamespace.of(Map.of()), PyNamespace.of(attributes));
                        },
                        "80025d7100286361726770617273650a4e616d6573706163650a7101298171026801298171037d7104285801000000"
                        + "6171054b015801000000627106580100000078710758010000006371084e5801000000647109473ff80000000000"
                        + "00580100000065710a88580100000066710b5d710c284b014b02657562652e"),
                new Case("recursiveList", "a = []; a.append(a); v = a",
                        () -> {
                            List<Object> a = new ArrayList<>();
                            a.add(a);
                            return a;
                        },
                        "80025d71006800612e"),
                new Case("recursiveTuple", "l = []; t = (l,); l.append(t); v = t",
                        () -> {
                            List<Object> l = new ArrayList<>();
                            PyTuple t = PyTuple.of(l);
                            l.add(t);
                            return t;
                        },
                        "80025d71006800857101613068012e"),
                new Case("recursiveLongTuple", "l = []; t = (l, 1, 2, 3); l.append(t); v = t",
                        () -> {
                            List<Object> l = new ArrayList<>();
                            PyTuple t = PyTuple.of(l, 1, 2, 3);
                            l.add(t);
                            return t;
                        },
                        "8002285d71002868004b014b024b03747101614b014b024b033168012e"),
                new Case("list1000", "v = list(range(1000))", () -> range(1000),
                        "sha256:0938ccfe2af9f9700ba3df175870872d3e3817323780157d668262ef5625e4dc"),
                new Case("list1001", "v = list(range(1001))", () -> range(1001),
                        "sha256:ce66e289147d5c0923016225d5d7c546d0f0061e438184a23c47db924e6cdbd5"),
                new Case("list2001", "v = list(range(2001))", () -> range(2001),
                        "sha256:d401755777127c2204ef4bb8b7c230b2b027e9b1cb89df619e5b106c5685a107"),
                new Case("dict1000", "v = {i: i for i in range(1000)}", () -> identityDict(1000),
                        "sha256:eb316fcf8ef21e40a9527c2dbcc965f288ee00973c4bfe3d61452701b55ebd32"),
                new Case("dict1001", "v = {i: i for i in range(1001)}", () -> identityDict(1001),
                        "sha256:1c3b98559369f71069dff3b29c37c6cea84e713cb39828aed22cc55c5404c009"),
                new Case("dict2000", "v = {i: i for i in range(2000)}", () -> identityDict(2000),
                        "sha256:99c137a2e18d404d7e1de7f337d08e051d80c4c6a4464b028895781b7c3212f7"),
                new Case("orderedDict1000", "v = OrderedDict((i, i) for i in range(1000))",
                        () -> PyOrderedDict.of(identityDict(1000)),
                        "sha256:166a3ecbae077eda292f9a67b343f2f974c6a8dbee24a49290a5cfa26a538ac7"),
                new Case("orderedDict1001", "v = OrderedDict((i, i) for i in range(1001))",
                        () -> PyOrderedDict.of(identityDict(1001)),
                        "sha256:eb8fcfc93fc6bba759389d4e4b614052eef0ca7f28edb06a2e6866643686e665"),
                new Case("orderedDict2001", "v = OrderedDict((i, i) for i in range(2001))",
                        () -> PyOrderedDict.of(identityDict(2001)),
                        "sha256:4d20db683db58f4ed60670774c78ad5b33cbe82e3948282142b8bd774f411a13"));
    }

    private static String summary(byte[] pickle, String like) {
        if (!like.startsWith("sha256:")) {
            return HexFormat.of().formatHex(pickle);
        }
        return "sha256:" + Digests.sha256(pickle);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesWhatCPythonsPickleWritesAtProtocol2(Case c) {
        byte[] pickle = PickleWriter.dumps(c.java().get());
        assertEquals(c.cpython(), summary(pickle, c.cpython()), () -> c.name() + ": Java wrote "
                + HexFormat.of().formatHex(pickle));
    }

    @Test
    void writesWhatTheInstalledCPythonWrites() throws IOException {
        String python = Python3.require();
        StringBuilder script = new StringBuilder("""
                import argparse, collections, pickle, sys
                OrderedDict = collections.OrderedDict
                args = sys.argv[1:]
                for name, code in zip(args[0::2], args[1::2]):
                    g = {'OrderedDict': OrderedDict, 'argparse': argparse}
                    exec(code, g)
                    print(name, pickle.dumps(g['v'], 2).hex())
                """);
        List<String> args = new ArrayList<>();
        for (Case c : cases()) {
            args.add(c.name());
            args.add(c.python());
        }
        String out = Python3.check(python, script.toString(), args.toArray(String[]::new));
        Map<String, String> written = new LinkedHashMap<>();
        out.lines().map(l -> l.split(" ")).forEach(p -> written.put(p[0], p[1]));
        for (Case c : cases()) {
            assertEquals(written.get(c.name()), HexFormat.of().formatHex(PickleWriter.dumps(c.java().get())),
                    c.name());
        }
    }

    /** A stand-in for an object pickled by reference, such as a torch storage. */
    private record Marker(String key) {
    }

    @Test
    void persistentIdsReplaceObjectsAndAreNotThemselvesLookedUp() {
        // class P(pickle.Pickler): persistent_id = lambda self, o: ('storage', o.k, 3) if isinstance(o, M) else None
        // m = M('0'); P(f, 2).dump([m, m, M('1'), 'storage'])
        String zero = new String("0");
        Marker m = new Marker(zero);
        List<Object> looked = new ArrayList<>();
        PickleWriter w = new PickleWriter(o -> {
            looked.add(o);
            return o instanceof Marker k ? PyTuple.of("storage", k.key(), 3) : null;
        });
        byte[] pickle = w.dump(list(m, m, new Marker(new String("1")), "storage"));
        assertEquals("80025d710028580700000073746f72616765710158010000003071024b0387710351680168024b038771045168015801"
                + "0000003171054b03877106516801652e", HexFormat.of().formatHex(pickle));
        assertTrue(looked.stream().noneMatch(o -> o instanceof PyTuple t && t.size() == 3),
                "the persistent id itself is pickled without asking for its id");
    }

    @Test
    void theMachineReadsBackWhatTheWriterWrites() throws IOException {
        Map<Object, Object> value = dict("ints", list(0, 255, 65536, -1, Long.MIN_VALUE, BigInteger.TWO.pow(80)),
                "floats", list(1.5, -0.0, 1e-300), "text", list("", "é", "x".repeat(70000)),
                "nested", PyTuple.of(PyTuple.EMPTY, PyTuple.of(1), list(PyTuple.of("a", "b", "c", "d")), dict()),
                "none", null, "bools", list(true, false));
        Object back = PickleMachine.loadPlain(new ByteArrayInputStream(PickleWriter.dumps(value)), Long.MAX_VALUE);
        Map<Object, Object> expected = dict("ints", list(0L, 255L, 65536L, -1L, Long.MIN_VALUE, BigInteger.TWO.pow(80)),
                "floats", list(1.5, -0.0, 1e-300), "text", list("", "é", "x".repeat(70000)),
                "nested", PyTuple.of(PyTuple.EMPTY, PyTuple.of(1L), list(PyTuple.of("a", "b", "c", "d")), dict()),
                "none", null, "bools", list(true, false));
        assertEquals(expected, back);
        List<?> memo = (List<?>) PickleMachine.loadPlain(new ByteArrayInputStream(PickleWriter.dumps(
                cases().stream().filter(c -> c.name().equals("longMemo")).findFirst().orElseThrow().java().get())),
                Long.MAX_VALUE);
        List<?> strings = (List<?>) memo.get(0);
        assertEquals(List.of("k299", "k0", "k255", "k256"), memo.subList(1, 5), "BINGET and LONG_BINGET");
        assertSame(strings.get(256), memo.get(4));
    }

    @Test
    void aSharedObjectComesBackAsOneObject() throws IOException {
        List<Object> shared = list(1, 2);
        List<?> back = (List<?>) PickleMachine.loadPlain(new ByteArrayInputStream(
                PickleWriter.dumps(list(shared, shared, "x"))), Long.MAX_VALUE);
        assertSame(back.get(0), back.get(1));
    }

    @Test
    void refusesValuesItCannotPickleNamingTheirClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PickleWriter.dumps(list(1, new HashSet<>(List.of(1)))));
        assertTrue(e.getMessage().contains("java.util.HashSet"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PickleWriter.dumps(new Object()));
        assertThrows(IllegalArgumentException.class, () -> new PyGlobal("with space", "x"));
    }

    @Test
    void oneWriterSharesItsMemoAcrossDumpsLikePicklePickler() {
        String s = new String("abc");
        PickleWriter w = new PickleWriter();
        assertArrayEquals(HexFormat.of().parseHex("8002580300000061626371002e"), w.dump(s));
        // p = pickle.Pickler(f, 2); p.dump(s); p.dump(s): the second is a memo reference
        assertArrayEquals(HexFormat.of().parseHex("80026800" + "2e"), w.dump(s));
    }
}
