namespace MixLab.Cli;

/// <summary>A mistake in the arguments; the message is printed as one line and the command exits with code 2.</summary>
internal sealed class UserInputException(string message) : Exception(message);
