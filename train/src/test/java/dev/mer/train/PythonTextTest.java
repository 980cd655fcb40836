package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonTextTest {
    /** Expected values printed by CPython 3.11: {@code '%.3f' % x}. */
    @ParameterizedTest
    @CsvSource({"0.0625, 0.062", "0.0635, 0.064", "0.1875, 0.188", "0.5, 0.500", "-0.0001, -0.000", "-0.25, -0.250",
        "0.7437000274658203, 0.744", "1e-9, 0.000"})
    void fixedRoundsTheExactBinaryValueAsPythonsPercentFormat(double x, String python) {
        assertEquals(python, PythonText.fixed(x, 3));
    }

    @Test
    void aFloat32StatPrintsAsPythonPrintsItsItem() {
        // torch.tensor(0.0625).item() is exactly 0.0625: Python prints 0.062 where Java's %.3f prints 0.063
        assertEquals("0.062", PythonText.fixed(0.0625f, 3));
    }

    @Test
    void floatsAndDictsPrintAsPythonsRepr() {
        assertEquals("0.0001", PythonText.floatRepr(1e-4));
        assertEquals("1e-05", PythonText.floatRepr(1e-5));
        assertEquals("1e+16", PythonText.floatRepr(1e16));
        assertEquals("3.0", PythonText.floatRepr(3));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", 0.5);
        m.put("c", true);
        m.put("d", "x");
        assertEquals("{'a': 1, 'b': 0.5, 'c': True, 'd': 'x'}", PythonText.dictRepr(m));
    }
}
