package io.anomalyhunter.pipeline;

import java.util.List;

/** Where detectors that run inside a collector hand their judgements; same contract as {@link SampleSink}. */
public interface JudgementSink {
    void acceptJudgements(List<Judgement> judgements);
}
