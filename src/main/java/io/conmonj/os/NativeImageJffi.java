package io.conmonj.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * In a native executable, jffi loads its stub library from beside the executable
 * ({@code jffi/jni/x86_64-Linux/libjffi-1.2.so}, where the build puts it, as the JVM launcher does),
 * found through /proc/self/exe so that any working directory and any symlink to the executable work.
 * When that file is missing, jffi extracts the copy the executable carries as a resource instead.
 */
final class NativeImageJffi {
    private static final String BOOT_PATH = "jffi.boot.library.path";

    private NativeImageJffi() {
    }

    static void configure() {
        if (!"runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"))
                || System.getProperty(BOOT_PATH) != null) {
            return;
        }
        try {
            Path dir = Path.of("/proc/self/exe").toRealPath().getParent().resolve("jffi/jni/x86_64-Linux");
            if (Files.isRegularFile(dir.resolve("libjffi-1.2.so"))) {
                System.setProperty(BOOT_PATH, dir.toString());
            }
        } catch (IOException e) {
            // jffi falls back to the stub in the executable's resources
        }
    }
}
