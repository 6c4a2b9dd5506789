package io.minigun.examples.naming;

import io.minigun.RunResult;
import io.minigun.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class NamingExamplesTest {

    @Test
    void twoStagesWithOneNameInOnePipelineFailTheBuild() {
        assertThat(NameConflicts.duplicateInOnePipeline()).isEqualTo("Pipeline 'conflict' declares the name "
                + "'duplicated' twice (processor and consumer); stage names must be unique within a pipeline");
    }

    @Test
    void oneNameInTwoNestedPipelinesIsFine() {
        assertThat(NameConflicts.sameNameInTwoNestedPipelines()).containsExactly(10, 20, 30, 100, 200, 300);
    }

    @Test
    void anAmbiguousRouteFailsTheItemNamingBothMatches() {
        RunResult r = NameConflicts.ambiguousRoute();
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.failures().get(0).stage()).isEqualTo("router");
        assertThat(r.failures().get(0).exception()).hasMessage("Stage name 'processor' is ambiguous: 2 matches in "
                + "nested pipelines of 'ambiguous' (ambiguous/left/processor, ambiguous/right/processor); rename one "
                + "of them");
    }

    @Test
    void uniqueNamesInNestedPipelinesResolve() {
        assertThat(NameConflicts.uniqueNestedNames()).containsExactly("left:1", "right:1");
    }

    @Test
    void aLocalStageBeatsANestedOneOfTheSameName() {
        assertThat(NameConflicts.localBeatsNested()).containsExactly("local:1");
    }
}
