/*
 * CPU feature flags of aarch64, one char (0/1) per feature: the CPUFeatures struct whose fields
 * com.oracle.svm.core.aarch64.AArch64LibCHelper.CPUFeatures declares (@CField names, in the svm jar).
 * The builder reads the field offsets from this header; libchelper fills it.
 */
#ifndef AARCH64CPUFEATURES_H
#define AARCH64CPUFEATURES_H

typedef struct {
    char fEVTSTRM;
    char fASIMD;
    char fFP;
    char fAES;
    char fPMULL;
    char fSHA1;
    char fSHA2;
    char fCRC32;
    char fLSE;
    char fDCPOP;
    char fSHA3;
    char fSHA512;
    char fSVE;
    char fSVE2;
    char fSTXR_PREFETCH;
    char fA53MAC;
    char fDMB_ATOMICS;
    char fPACA;
    char fSVEBITPERM;
    char fFPHP;
    char fASIMDHP;
} CPUFeatures;

#endif
