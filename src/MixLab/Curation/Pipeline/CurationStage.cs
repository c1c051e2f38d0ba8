namespace MixLab.Curation.Pipeline;

/// <summary>
/// Which part of a run a task performs. A pipeline with global exact dedup runs in two stages, like datatrove's
/// MinHash stages: stage one runs the steps before dedup and records a hash per surviving document; after every input
/// has finished stage one, stage two drops the duplicates (keeping the first by input order) and runs the remaining
/// steps. Without dedup there is one stage.
/// </summary>
public enum CurationStage { All, One, Two }
