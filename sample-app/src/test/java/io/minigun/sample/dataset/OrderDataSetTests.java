package io.minigun.sample.dataset;

import io.minigun.sample.dataset.OrderDataSet.Defect;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderDataSetTests {

    @Test
    void recordsAreAPureFunctionOfTheirNumber() {
        assertThat(OrderDataSet.line(1)).isEqualTo("100001,C02920,SKU-0730,2,2025-01-14");
        assertThat(OrderDataSet.line(1)).isEqualTo(OrderDataSet.line(1));
        assertThat(OrderDataSet.line(49).split(",")).hasSize(5);
    }

    @Test
    void everyFiftiethRecordCarriesADefectTheKindsInTurn() {
        assertThat(OrderDataSet.defectOf(49)).isNull();
        assertThat(OrderDataSet.defectOf(50)).isEqualTo(Defect.QUANTITY_NOT_A_NUMBER);
        assertThat(OrderDataSet.defectOf(100)).isEqualTo(Defect.INVALID_DATE);
        assertThat(OrderDataSet.defectOf(250)).isEqualTo(Defect.MISSING_FIELD);
        assertThat(OrderDataSet.line(250).split(",")).hasSize(4);
        assertThat(OrderDataSet.line(50)).contains(",two,");
        assertThat(OrderDataSet.line(100)).endsWith(",2025-02-30");
        assertThat(OrderDataSet.line(150)).contains(",0,");
        assertThat(OrderDataSet.line(200)).contains("," + OrderDataSet.UNKNOWN_SKU + ",");
    }

    @Test
    void expectedCountsAddUp() {
        Map<Defect, Long> defects = OrderDataSet.expectedDefects(200_000);
        assertThat(defects.values()).containsOnly(800L);
        assertThat(OrderDataSet.expectedInvalid(200_000)).isEqualTo(4_000);
        assertThat(OrderDataSet.expectedDefects(2_000).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(OrderDataSet.expectedInvalid(2_000));
    }
}
