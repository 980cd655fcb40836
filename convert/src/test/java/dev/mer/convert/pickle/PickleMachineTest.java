package dev.mer.convert.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PickleMachineTest {
    private static Object load(byte[] pickle) throws IOException {
        return PickleMachine.loadPlain(new ByteArrayInputStream(pickle), pickle.length);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void loadsWhatPython3PicklesWithProtocol2() throws IOException {
        // pickle.dumps([a, a, (1, 2), {'k': (3,)}, 1, 256, -1, -128, 2**70, 1.5, 'abc', True, False,
        //               None, (), (1,), (1, 2, 3)], 2) with a = [1], Python 3.11
        byte[] p = Base64.getDecoder().decode("gAJdcQAoXXEBSwFhaAFLAUsChnECfXEDWAEAAABrcQRLA4VxBXNLAU0AAUr/////SoD///"
                + "+KCQAAAAAAAAAAQEc/+AAAAAAAAFgDAAAAYWJjcQaIiU4pSwGFcQdLAUsCSwOHcQhlLg==");
        List<?> l = (List<?>) load(p);
        assertEquals(17, l.size());
        assertEquals(List.of(1L), l.get(0));
        assertSame(l.get(0), l.get(1), "a memo reference is the same object");
        assertEquals(new PyTuple(List.of(1L, 2L)), l.get(2));
        assertEquals(Map.of("k", new PyTuple(List.of(3L))), l.get(3));
        assertEquals(List.of(1L, 256L, -1L, -128L), l.subList(4, 8));
        assertEquals(BigInteger.TWO.pow(70), l.get(8));
        assertEquals(1.5, l.get(9));
        assertEquals("abc", l.get(10));
        assertEquals(Boolean.TRUE, l.get(11));
        assertEquals(Boolean.FALSE, l.get(12));
        assertNull(l.get(13));
        assertEquals(new PyTuple(List.of()), l.get(14));
        assertEquals(new PyTuple(List.of(1L)), l.get(15));
        assertEquals(new PyTuple(List.of(1L, 2L, 3L)), l.get(16));
    }

    @Test
    void loadsProtocol4SetsBytesAndFrames() throws IOException {
        // pickle.dumps({'s': {1, 2}, 'f': frozenset([3]), 'b': b'xy', 'u': 'éé'}, 4)
        byte[] p = Base64.getDecoder().decode("gASVLgAAAAAAAAB9lCiMAXOUj5QoSwFLApCMAWaUKEsDkZSMAWKUQwJ4eZSMAXWUjATDqcOplHUu");
        Map<?, ?> m = (Map<?, ?>) load(p);
        assertEquals(Set.of(1L, 2L), m.get("s"));
        assertEquals(Set.of(3L), m.get("f"));
        assertArrayEquals(new byte[] {'x', 'y'}, (byte[]) m.get("b"));
        assertEquals("éé", m.get("u"));
    }

    @Test
    void longMemoIndicesWork() throws IOException {
        // 7, LONG_BINPUT 300, POP, LONG_BINGET 300, STOP
        assertEquals(7L, load(hex("80 02 4b 07 72 2c 01 00 00 30 6a 2c 01 00 00 2e")));
    }

    @Test
    void python2StringsAndLongsLoad() throws IOException {
        // SHORT_BINSTRING 'cpu', LONG1 of 0x1950a86a20f9469cfc6c (torch's magic number), TUPLE2
        Object t = load(hex("80 02 55 03 63 70 75 8a 0a 6c fc 9c 46 f9 20 6a a8 50 19 86 2e"));
        assertEquals(new PyTuple(List.of("cpu", new BigInteger("1950a86a20f9469cfc6c", 16))), t);
    }

    @Test
    void aForbiddenGlobalIsRefusedAsSoonAsItIsRead() {
        // GLOBAL 'os system' followed by bytes that would fail if they were ever decoded
        byte[] p = hex("80 02 63 6f 73 0a 73 79 73 74 65 6d 0a ff ff ff");
        PickleException e = assertThrows(PickleException.class, () -> load(p));
        assertTrue(e.getMessage().contains("refusing global os.system"), e.getMessage());
        assertTrue(e.getMessage().startsWith("pickle byte 2 "), e.getMessage());
    }

    @Test
    void stackGlobalIsWhitelistedToo() {
        // protocol 4: SHORT_BINUNICODE 'builtins', SHORT_BINUNICODE 'eval', STACK_GLOBAL
        byte[] p = hex("80 04 8c 08 6275696c74696e73 8c 04 6576616c 93 2e");
        PickleException e = assertThrows(PickleException.class, () -> load(p));
        assertTrue(e.getMessage().contains("refusing global builtins.eval"), e.getMessage());
    }

    @Test
    void reduceOnlyCallsWhitelistedCallables() throws IOException {
        Globals globals = (module, name) -> {
            if (module.equals("m") && name.equals("pair")) {
                return (Globals.Callable) args -> List.of(args.get(0), args.get(0));
            }
            throw new PickleException("refusing global " + module + "." + name);
        };
        // GLOBAL 'm pair', BININT1 5, TUPLE1, REDUCE, STOP
        byte[] p = hex("80 02 63 6d 0a 70 61 69 72 0a 4b 05 85 52 2e");
        Object r = new PickleMachine(new ByteArrayInputStream(p), p.length, globals, PersistentLoader.none()).load();
        assertEquals(List.of(5L, 5L), r);
        // REDUCE on a non-callable (a string) is refused
        byte[] q = hex("80 02 58 01 00 00 00 78 29 52 2e");
        assertThrows(PickleException.class, () -> load(q));
    }

    @Test
    void persistentIdsGoToTheLoader() throws IOException {
        // ('storage', 3) BINPERSID
        byte[] p = hex("80 02 58 07 00 00 00 73746f72616765 4b 03 86 51 2e");
        Object r = new PickleMachine(new ByteArrayInputStream(p), p.length, Globals.none(),
                pid -> "loaded " + pid).load();
        assertEquals("loaded ('storage', 3)", r);
        assertThrows(PickleException.class, () -> load(p));
    }

    @Test
    void truncationAndHostileLengthsAreErrorsNotAllocations() {
        PickleException cut = assertThrows(PickleException.class, () -> load(hex("80 02 5d 28 4b 01")));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        // BINUNICODE of 2 GB in a 10-byte pickle
        PickleException huge = assertThrows(PickleException.class, () -> load(hex("80 02 58 ff ff ff 7f 61 62 2e")));
        assertTrue(huge.getMessage().contains("exceeds"), huge.getMessage());
    }

    @Test
    void malformedStacksAreErrors() {
        assertThrows(PickleException.class, () -> load(hex("80 02 61 2e")), "APPEND on an empty stack");
        assertThrows(PickleException.class, () -> load(hex("80 02 68 05 2e")), "BINGET of an unknown index");
        assertThrows(PickleException.class, () -> load(hex("80 02 4b 01 4b 02 2e")), "two objects at STOP");
        assertThrows(PickleException.class, () -> load(hex("80 02 ff 2e")), "unknown opcode");
        assertThrows(PickleException.class, () -> load(hex("80 02 69 6f 73 0a 73 79 73 74 65 6d 0a 2e")), "INST");
    }

    /** Issue 16's fuzzing finding: a UNICODE argument's {@code \\u} escape without four hex digits was a NumberFormatException. */
    @Test
    void aUnicodeEscapeWithoutFourHexDigitsIsThePicklesError() throws IOException {
        assertEquals("caf\u00e9", load("Vcaf\\u00e9\n.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        PickleException e = assertThrows(PickleException.class,
                () -> load("V\\utims\n.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage().contains("bad \\u escape '\\utims' in a UNICODE argument"), e.getMessage());
    }
}
