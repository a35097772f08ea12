package io.conmonj.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.conmonj.diag.FatalError;

class CallerEnvironmentTest {
    private static int parse(String value) {
        return CallerEnvironment.parseDecimal(value, "_OCI_STARTPIPE");
    }

    private static String failure(String value) {
        return assertThrows(FatalError.class, () -> parse(value)).line();
    }

    @Test
    void pipeFdsParseAsStrtolInBaseTen() {
        assertEquals(4, parse("4"));
        assertEquals(4, parse(" \t4"));
        assertEquals(4, parse("+4"));
        assertEquals(-1, parse("-1"));
        assertEquals(10, parse("010"));
        // "" converts nothing and ends at its end: fd 0, "no pipe"
        assertEquals(0, parse(""));
        // a long that does not fit an int is truncated, as the C assignment does
        assertEquals(3, parse("4294967299"));
    }

    @Test
    void garbageIsFatalWithErrnosText() {
        assertEquals("[conmon:e]: unable to parse _OCI_STARTPIPE Success", failure("abc"));
        assertEquals("[conmon:e]: unable to parse _OCI_STARTPIPE Success", failure("3 "));
        assertEquals("[conmon:e]: unable to parse _OCI_STARTPIPE Success", failure(" "));
        assertEquals("[conmon:e]: unable to parse _OCI_STARTPIPE Success", failure("0x3"));
        assertEquals("[conmon:e]: unable to parse _OCI_STARTPIPE Numerical result out of range",
                failure("99999999999999999999"));
    }
}
