/*
 * liblibchelper.a: the small C helpers a native image links (@CLibrary("libchelper") in the svm jar).
 * Written for conmonj's native-toolchain from the declarations in the svm 25.0.2 jar (the @CFunction
 * names and Java signatures, how their results are used) and public documentation (Intel/AMD CPUID,
 * Linux man pages). Every function here is called from Java code of the image at run time.
 *
 * Declared by                                  functions
 *   com.oracle.svm.core.LibCHelper             getEnviron, SVM_FindJavaTZmd
 *   com.oracle.svm.core.CodeSynchronizationOperations  codeSynchronization_clearCache
 *   com.oracle.svm.core.amd64.AMD64LibCHelper  determineCPUFeatures, checkCPUFeatures, checkCPUFeaturesOrExit
 *   com.oracle.svm.core.c.locale.LocaleCHelper svm_initialize_locale, svm_get_locale
 *   com.oracle.svm.core.posix.linux.LinuxLibCHelper  getThreadId, getThreadUserTimeSlow
 *   com.oracle.svm.core.posix.headers.CSunMiscSignal cSunMiscSignal_* (Java signal handlers)
 *   com.oracle.svm.core.posix.attach.AttachHelper    svm_attach_* (the attach API: not supported, stubs)
 *   Fcntl.NoTransitions, LinuxLibCHelper.NoTransitions, PosixVMThreads  openSII, mremapP, fprintfSD:
 *     fixed-argument forms of the variadic open(2), mremap(2) and fprintf(3), which Java cannot call
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "svm_locale.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include "amd64cpufeatures.h"
#endif

extern char **environ;

/* ---- environment, time zone ---------------------------------------------------------------- */

char **getEnviron(void) {
    return environ;
}

/* In the static libjava (TimeZone_md.c): the platform's time zone id, malloc'ed; java_home is unused on Linux. */
extern char *findJavaTZ_md(const char *java_home_dir);

char *SVM_FindJavaTZmd(const char *tzMappings, int length) {
    (void) tzMappings;
    (void) length;
    return findJavaTZ_md(NULL);
}

/* ---- fixed-argument forms of variadic C functions ---------------------------------------------------- */

int openSII(const char *path, int flags, int mode) {
    return open(path, flags, mode);
}

void *mremapP(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address) {
    return mremap(old_address, old_size, new_size, flags, new_address);
}

int fprintfSD(FILE *stream, const char *format, const char *s, int d) {
    return fprintf(stream, format, s, d);
}

/* ---- code cache synchronization: x86 keeps instruction caches coherent ---------------------- */

void codeSynchronization_clearCache(uintptr_t start, uintptr_t size) {
#if defined(__x86_64__)
    (void) start;
    (void) size;
#else
    __builtin___clear_cache((char *) start, (char *) (start + size));
#endif
}

/* ---- threads ----------------------------------------------------------------------------------- */

int getThreadId(void) {
    return (int) syscall(SYS_gettid);
}

/* User CPU time of thread tid in nanoseconds, from field 14 (utime, clock ticks) of /proc/self/task/TID/stat. */
long long getThreadUserTimeSlow(int tid) {
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) {
        return -1;
    }
    buf[n] = '\0';
    char *p = strrchr(buf, ')'); /* the command name may contain spaces and parentheses */
    if (p == NULL) {
        return -1;
    }
    unsigned long long utime = 0;
    /* after ") ": state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu", &utime) != 1) {
        return -1;
    }
    long ticks = sysconf(_SC_CLK_TCK);
    return (long long) (utime * (1000000000ULL / (unsigned long long) (ticks > 0 ? ticks : 100)));
}

/* ---- sun.misc.Signal / jdk.internal.misc.Signal --------------------------------------------------
 * The handler only counts the signal and posts a semaphore (both async-signal-safe); the image's
 * "Signal Dispatcher" thread waits on the semaphore and asks which signal is pending. */

#define SIGNAL_COUNT 65 /* signals 1..64 */

static atomic_int signal_pending[SIGNAL_COUNT];
static sem_t signal_semaphore;
static atomic_int signal_open;

/* 0: opened; 1: already opened (by another isolate of this process); -1: error (errno). */
int cSunMiscSignal_open(void) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&signal_open, &expected, 1)) {
        return 1;
    }
    for (int i = 0; i < SIGNAL_COUNT; i++) {
        atomic_store(&signal_pending[i], 0);
    }
    if (sem_init(&signal_semaphore, 0, 0) != 0) {
        atomic_store(&signal_open, 0);
        return -1;
    }
    return 0;
}

int cSunMiscSignal_close(void) {
    if (atomic_load(&signal_open) && sem_destroy(&signal_semaphore) != 0) {
        return -1;
    }
    atomic_store(&signal_open, 0);
    return 0;
}

int cSunMiscSignal_signalRangeCheck(int sig) {
    return sig > 0 && sig < SIGNAL_COUNT;
}

static void cSunMiscSignal_handler(int sig, siginfo_t *info, void *context) {
    (void) info;
    (void) context;
    if (sig > 0 && sig < SIGNAL_COUNT) {
        int saved = errno;
        atomic_fetch_add(&signal_pending[sig], 1);
        sem_post(&signal_semaphore);
        errno = saved;
    }
}

void *cSunMiscSignal_signalHandlerFunctionPointer(void) {
    return (void *) cSunMiscSignal_handler;
}

int cSunMiscSignal_awaitSemaphore(void) {
    while (sem_wait(&signal_semaphore) != 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return 0;
}

int cSunMiscSignal_signalSemaphore(void) {
    return sem_post(&signal_semaphore);
}

/* One pending signal (its count decremented), or -1 when none is pending. */
int cSunMiscSignal_checkPendingSignal(void) {
    for (int sig = 1; sig < SIGNAL_COUNT; sig++) {
        int count = atomic_load(&signal_pending[sig]);
        while (count > 0) {
            if (atomic_compare_exchange_weak(&signal_pending[sig], &count, count - 1)) {
                return sig;
            }
        }
    }
    return -1;
}

/* ---- locale (java_props: user.language, user.country, ... and their format.* variants) ---------- */

static svm_locale_props_t locale_props;

/* Splits a POSIX locale name "language[_COUNTRY][.encoding][@modifier]" into Java's parts. */
static int parse_locale(const char *name, char **language, char **script, char **country, char **variant) {
    const char *lang = "en", *ctry = "", *scr = "", *var = "";
    char buf[256];
    if (name != NULL && strcmp(name, "C") != 0 && strcmp(name, "POSIX") != 0 && strlen(name) < sizeof buf) {
        strcpy(buf, name);
        char *at = strchr(buf, '@');
        if (at != NULL) {
            *at++ = '\0';
            /* glibc's script modifiers name a script; others (e.g. euro) are variants */
            if (strcmp(at, "latin") == 0) {
                scr = "Latn";
            } else if (strcmp(at, "cyrillic") == 0) {
                scr = "Cyrl";
            } else if (strcmp(at, "devanagari") == 0) {
                scr = "Deva";
            } else if (strcmp(at, "euro") != 0) {
                var = at;
            }
        }
        char *dot = strchr(buf, '.');
        if (dot != NULL) {
            *dot = '\0';
        }
        char *underscore = strchr(buf, '_');
        if (underscore != NULL) {
            *underscore++ = '\0';
            ctry = underscore;
        }
        if (buf[0] != '\0') {
            lang = strcmp(buf, "iw") == 0 ? "he" : strcmp(buf, "in") == 0 ? "id" : strcmp(buf, "ji") == 0 ? "yi" : buf;
        }
    }
    *language = strdup(lang);
    *script = strdup(scr);
    *country = strdup(ctry);
    *variant = strdup(var);
    return *language && *script && *country && *variant;
}

int svm_initialize_locale(void) {
    setlocale(LC_ALL, "");
    const char *display = setlocale(LC_MESSAGES, NULL);
    const char *format = setlocale(LC_CTYPE, NULL);
    if (!parse_locale(display, &locale_props.display_language, &locale_props.display_script,
                      &locale_props.display_country, &locale_props.display_variant) ||
        !parse_locale(format, &locale_props.format_language, &locale_props.format_script,
                      &locale_props.format_country, &locale_props.format_variant)) {
        return SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
    }
    return SVM_LOCALE_INITIALIZATION_SUCCEEDED;
}

svm_locale_props_t *svm_get_locale(void) {
    return &locale_props;
}

/* ---- attach API (jcmd/jstack into an image): not supported by this toolchain -------------------- */

void svm_attach_startup(const char *path) {
    (void) path;
}

int svm_attach_is_init_trigger(const char *path) {
    (void) path;
    return 0;
}

void svm_attach_listener_cleanup(int fd, const char *path) {
    (void) fd;
    (void) path;
}

int svm_attach_check_socket_file(const char *path) {
    (void) path;
    return 0;
}

int svm_attach_create_listener(const char *path) {
    (void) path;
    errno = ENOSYS;
    return -1;
}

int svm_attach_wait_for_request(int fd) {
    (void) fd;
    errno = ENOSYS;
    return -1;
}

void svm_attach_shutdown_socket(int fd) {
    (void) fd;
}

/* ---- CPU features (x86-64), from the CPUID leaves documented in Intel's SDM vol. 2 and AMD's APM ---- */

#if defined(__x86_64__)

static int bit(unsigned int reg, int n) {
    return (reg >> n) & 1;
}

static unsigned long long xgetbv0(void) {
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long) hi << 32) | lo;
}

void determineCPUFeatures(CPUFeatures *f) {
    unsigned int a = 0, b = 0, c = 0, d = 0, max, max_ext;
    memset(f, 0, sizeof *f);
    max = __get_cpuid_max(0, NULL);
    max_ext = __get_cpuid_max(0x80000000, NULL);

    __cpuid(1, a, b, c, d);
    f->fTSC = bit(d, 4);
    f->fCX8 = bit(d, 8);
    f->fCMOV = bit(d, 15);
    f->fFLUSH = bit(d, 19);
    f->fMMX = bit(d, 23);
    f->fFXSR = bit(d, 24);
    f->fSSE = bit(d, 25);
    f->fSSE2 = bit(d, 26);
    f->fHT = bit(d, 28);
    f->fSSE3 = bit(c, 0);
    f->fCLMUL = bit(c, 1);
    f->fSSSE3 = bit(c, 9);
    f->fFMA = bit(c, 12);
    f->fSSE4_1 = bit(c, 19);
    f->fSSE4_2 = bit(c, 20);
    f->fPOPCNT = bit(c, 23);
    f->fAES = bit(c, 25);
    int osxsave = bit(c, 27);
    f->fAVX = bit(c, 28);
    f->fF16C = bit(c, 29);
    f->fHV = bit(c, 31);

    unsigned int b7 = 0, c7 = 0, d7 = 0, a71 = 0, d71 = 0;
    if (max >= 7) {
        unsigned int subleaves;
        __cpuid_count(7, 0, subleaves, b7, c7, d7);
        if (subleaves >= 1) {
            unsigned int unused1, unused2;
            __cpuid_count(7, 1, a71, unused1, unused2, d71);
        }
    }
    f->fBMI1 = bit(b7, 3);
    f->fAVX2 = bit(b7, 5);
    f->fBMI2 = bit(b7, 8);
    f->fERMS = bit(b7, 9);
    f->fRTM = bit(b7, 11);
    f->fAVX512F = bit(b7, 16);
    f->fAVX512DQ = bit(b7, 17);
    f->fADX = bit(b7, 19);
    f->fAVX512_IFMA = bit(b7, 21);
    f->fFLUSHOPT = bit(b7, 23);
    f->fCLWB = bit(b7, 24);
    f->fAVX512PF = bit(b7, 26);
    f->fAVX512ER = bit(b7, 27);
    f->fAVX512CD = bit(b7, 28);
    f->fSHA = bit(b7, 29);
    f->fAVX512BW = bit(b7, 30);
    f->fAVX512VL = bit(b7, 31);
    f->fAVX512_VBMI = bit(c7, 1);
    f->fPKU = bit(c7, 3);
    f->fOSPKE = bit(c7, 4);
    f->fAVX512_VBMI2 = bit(c7, 6);
    f->fCET_SS = bit(c7, 7);
    f->fGFNI = bit(c7, 8);
    f->fAVX512_VAES = bit(c7, 9);
    f->fAVX512_VPCLMULQDQ = bit(c7, 10);
    f->fAVX512_VNNI = bit(c7, 11);
    f->fAVX512_BITALG = bit(c7, 12);
    f->fAVX512_VPOPCNTDQ = bit(c7, 14);
    f->fRDPID = bit(c7, 22);
    f->fFSRM = bit(d7, 4);
    f->fSERIALIZE = bit(d7, 14);
    f->fCET_IBT = bit(d7, 20);
    f->fAVX512_FP16 = bit(d7, 23);
    f->fSHA512 = bit(a71, 0);
    f->fAVX_IFMA = bit(a71, 23);
    f->fAPX_F = bit(d71, 21);
    if (bit(d71, 19) && max >= 0x24) {
        unsigned int unused1, b24, unused2, unused3;
        __cpuid_count(0x24, 0, unused1, b24, unused2, unused3);
        f->fAVX10_1 = (b24 & 0xff) >= 1;
        f->fAVX10_2 = (b24 & 0xff) >= 2;
    }

    if (max_ext >= 0x80000001) {
        __cpuid(0x80000001, a, b, c, d);
        f->fLZCNT = bit(c, 5);
        f->fSSE4A = bit(c, 6);
        f->fAMD_3DNOW_PREFETCH = bit(c, 8) || bit(d, 31);
        f->fRDTSCP = bit(d, 27);
    }
    if (max_ext >= 0x80000007) {
        __cpuid(0x80000007, a, b, c, d);
        f->fTSCINV_BIT = bit(d, 8);
        f->fTSCINV = bit(d, 8);
    }

    /* Registers the OS does not save on a context switch cannot be used (XCR0 via XGETBV). */
    unsigned long long xcr0 = osxsave ? xgetbv0() : 0;
    if ((xcr0 & 0x6) != 0x6) { /* SSE and AVX state */
        f->fAVX = f->fAVX2 = f->fFMA = f->fF16C = f->fAVX_IFMA = 0;
        f->fAVX512F = 0;
        f->fAPX_F = 0;
    }
    if ((xcr0 & 0xe0) != 0xe0 || !f->fAVX512F) { /* opmask and ZMM state */
        f->fAVX512F = f->fAVX512DQ = f->fAVX512PF = f->fAVX512ER = f->fAVX512CD = f->fAVX512BW = 0;
        f->fAVX512VL = f->fAVX512_IFMA = f->fAVX512_VBMI = f->fAVX512_VBMI2 = f->fAVX512_VNNI = 0;
        f->fAVX512_BITALG = f->fAVX512_VPOPCNTDQ = f->fAVX512_FP16 = 0;
        f->fAVX512_VAES = f->fAVX512_VPCLMULQDQ = 0;
        f->fAVX10_1 = f->fAVX10_2 = 0;
    }
    if ((xcr0 & (1ULL << 19)) == 0) { /* APX extended GPR state */
        f->fAPX_F = 0;
    }
    f->fVZEROUPPER = f->fAVX;
}

/*
 * 0 when this CPU has every feature the image was built for, 1 otherwise. The build-time mask is a
 * CPUFeatures-shaped byte array (rounded up to 8 bytes): 0xFF where a feature is not required, 0xFE where it
 * is, so a byte of (features | mask) is 0xFF exactly when that feature is either optional or present.
 */
int checkCPUFeatures(const unsigned char *buildtimeMask) {
    CPUFeatures current;
    determineCPUFeatures(&current);
    const unsigned char *have = (const unsigned char *) &current;
    for (size_t i = 0; i < sizeof current; i++) {
        if ((unsigned char) (have[i] | buildtimeMask[i]) != 0xFF) {
            return 1;
        }
    }
    return 0;
}

int checkCPUFeaturesOrExit(const unsigned char *buildtimeMask, const char *errorMessage) {
    if (checkCPUFeatures(buildtimeMask) != 0) {
        if (errorMessage != NULL) {
            fputs(errorMessage, stderr);
            fputc('\n', stderr);
        }
        exit(1);
    }
    return 0;
}

#endif
