/*
 * CPU feature flags of riscv64, one char (0/1) per feature: the CPUFeatures struct whose fields
 * com.oracle.svm.core.riscv64.RISCV64LibCHelper.CPUFeatures declares (@CField names, in the svm jar).
 * The builder reads the field offsets from this header; libchelper fills it.
 */
#ifndef RISCV64CPUFEATURES_H
#define RISCV64CPUFEATURES_H

typedef struct {
    char fA;
    char fM;
    char fI;
    char fF;
    char fD;
    char fC;
    char fV;
} CPUFeatures;

#endif
