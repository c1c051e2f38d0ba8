namespace MixLab.Curation.Pipeline;

/// <summary>Progress of one task (or a whole run, summed): documents and input bytes read so far, inputs finished.</summary>
public sealed record CurationProgress(long DocumentsRead, long BytesRead, int InputsDone, int InputsTotal, long BytesTotal, string Stage);
