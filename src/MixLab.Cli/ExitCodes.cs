namespace MixLab.Cli;

/// <summary>The exit codes of every verb.</summary>
internal static class ExitCodes
{
    /// <summary>The work was done.</summary>
    public const int Success = 0;
    /// <summary>The work failed (an I/O error, an internal error).</summary>
    public const int Failure = 1;
    /// <summary>Bad arguments or bad input the user must fix; one line on stderr says what.</summary>
    public const int BadArguments = 2;
    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
