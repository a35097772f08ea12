/*
 * libreporterchelper.so: the two JNI methods the builder's progress reporter
 * (com.oracle.svm.hosted.ProgressReporterCHelper, declared native in the svm jar) loads from
 * <java.home>/lib/svm/builder/lib. Written for conmonj's native-toolchain from that declaration.
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Peak resident set size of the builder process, in bytes (-1 if unknown). */
JNIEXPORT jlong JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass cls) {
    struct rusage usage;
    (void) env;
    (void) cls;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return -1;
    }
    return (jlong) usage.ru_maxrss * 1024; /* Linux reports KiB */
}

/* Width of the terminal on stdout (or stderr), 0 when neither is a terminal. */
JNIEXPORT jint JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass cls) {
    struct winsize size;
    (void) env;
    (void) cls;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 || ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0) {
        return size.ws_col;
    }
    return 0;
}
