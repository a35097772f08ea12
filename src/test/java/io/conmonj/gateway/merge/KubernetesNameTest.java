package io.conmonj.gateway.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Container names as kubelet gives them to CRI-O: k8s_container_pod_namespace_uid_attempt. */
class KubernetesNameTest {
    @Test
    void theSixPartsOfAKubeletName() {
        KubernetesName n = KubernetesName.parse("k8s_nginx_web-5d8f7c9b6-x2x7k_shop_4b8e9c1a-0a1b-4c2d-9e8f-1234567890ab_3");
        assertEquals(new KubernetesName("nginx", "web-5d8f7c9b6-x2x7k", "shop", "4b8e9c1a-0a1b-4c2d-9e8f-1234567890ab", 3), n);
        assertEquals("POD", KubernetesName.parse("k8s_POD_web.v1_kube-system_uid_0").container(), "the infra container");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web", "k8s_a_b_c_d", "k8s_a_b_c_d_e_1", "k8s__b_c_d_1", "k8s_a_b_c_d_x", "k8s_a_b_c_d_-1",
            "K8S_a_b_c_d_1", "xk8s_a_b_c_d_1"})
    void otherNamesAreNotKubernetesNames(String name) {
        assertNull(KubernetesName.parse(name));
    }
}
