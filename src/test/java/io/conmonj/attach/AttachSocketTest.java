package io.conmonj.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AttachSocketTest {
    @Test
    void aSymlinkPathOf107CharactersIsShortenedByOne() {
        String dir = "/run/" + "d".repeat(107 - 5 - 1 - 10);
        assertEquals(107, (dir + "/" + "c".repeat(10)).length());
        assertEquals(106, AttachSocket.symlinkPath(dir, "c".repeat(10)).toString().length());
        assertEquals("/var/run/crio/abc", AttachSocket.symlinkPath(null, "abc").toString());
        assertEquals(108, AttachSocket.symlinkPath(dir, "c".repeat(11)).toString().length());
    }
}
