/*
 * libsvm_container.a: the container (cgroup) queries a native image makes when
 * -H:+UseContainerSupport (the default), declared by com.oracle.svm.core.container.ContainerLibrary
 * in the svm jar. This toolchain reports "not containerized": the image then sizes itself from the
 * machine's processors and memory (sysconf), as a process outside a container does. conmonj runs
 * outside the containers it monitors and bakes in a fixed small heap anyway.
 */
#include <unistd.h>

#define CONTAINER_LIBRARY_VERSION 240100 /* the value ContainerLibrary.VERSION the image passes */
#define SUCCESS_IS_NOT_CONTAINERIZED 0
#define ERROR_LIBCONTAINER_TOO_OLD 2
#define ERROR_LIBCONTAINER_TOO_NEW 3

int svm_container_initialize(int version) {
    if (version > CONTAINER_LIBRARY_VERSION) {
        return ERROR_LIBCONTAINER_TOO_OLD;
    }
    if (version < CONTAINER_LIBRARY_VERSION) {
        return ERROR_LIBCONTAINER_TOO_NEW;
    }
    return SUCCESS_IS_NOT_CONTAINERIZED;
}

int svm_container_active_processor_count(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int) n : 1;
}

unsigned long svm_container_physical_memory(void) {
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? (unsigned long) pages * (unsigned long) size : 0;
}

/* -1: no limit / not available (the values a JVM reports outside a container) */
long long svm_container_memory_limit_in_bytes(void) { return -1; }
long long svm_container_memory_and_swap_limit_in_bytes(void) { return -1; }
long long svm_container_memory_soft_limit_in_bytes(void) { return -1; }
long long svm_container_memory_usage_in_bytes(void) { return -1; }
long long svm_container_memory_max_usage_in_bytes(void) { return -1; }
long long svm_container_rss_usage_in_bytes(void) { return -1; }
long long svm_container_cache_usage_in_bytes(void) { return -1; }
