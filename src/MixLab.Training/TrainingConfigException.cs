namespace MixLab.Training;

/// <summary>A mistake in a training config, its data or a checkpoint the user must fix; the message names file and field.</summary>
public sealed class TrainingConfigException(string message, Exception? inner = null) : Exception(message, inner);
