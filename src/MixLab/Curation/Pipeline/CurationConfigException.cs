namespace MixLab.Curation.Pipeline;

/// <summary>A bad pipeline configuration (unknown step or option, wrong value type): one line naming file, line and field.</summary>
public sealed class CurationConfigException(string message) : Exception(message);
