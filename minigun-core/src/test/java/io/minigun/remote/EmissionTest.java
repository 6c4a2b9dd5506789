package io.minigun.remote;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmissionTest {

    @Test
    void anEmissionAlongTheDagHasNoTargetAndARoutedOneNamesItsStage() {
        assertThat(new Emission(null, "a").target()).isNull();
        assertThat(new Emission("audit", "a").target()).isEqualTo("audit");
    }

    @Test
    void aNullItemIsRefusedAsTheEngineCannotCarryIt() {
        assertThatThrownBy(() -> new Emission(null, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("item");
    }
}
