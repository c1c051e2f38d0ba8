using System.Reflection;
using MixLab.Cli.Commands;
using MixLab.Cli.Commands.Moe;
using MixLab.Curation.Pipeline;
using MixLab.Documents;
using MixLab.Planning.Moe;
using MixLab.RunLogs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli;

/// <summary>The <c>mixlab</c> entry point: registers one command per verb and maps failures to exit codes.</summary>
public static class Program
{
    /// <summary>The version printed by <c>--version</c> and written into every output.</summary>
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Runs the command line; returns the exit code.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // let the command stop at its next check and clean up
            cancel.Cancel();
        };
        return await RunAsync(args, cancel.Token);
    }

    /// <summary>Runs the command line with a given cancellation token (used by tests).</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancel)
    {
        MoeReportJson.Version = Version;
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("mixlab");
            config.SetApplicationVersion(Version);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<FitCommand>("fit")
                .WithDescription(FitCommand.Description)
                .WithExample(FitCommand.Examples[0])
                .WithExample(FitCommand.Examples[1])
                .WithExample(FitCommand.Examples[2]);
            config.AddCommand<CmrCommand>("cmr")
                .WithDescription(CmrCommand.Description)
                .WithExample(CmrCommand.Examples[0]);
            config.AddCommand<CurateCommand>("curate")
                .WithDescription(CurateCommand.Description)
                .WithExample(CurateCommand.Examples[0])
                .WithExample(CurateCommand.Examples[1]);
            config.AddCommand<MultiplicityCommand>("multiplicity")
                .WithDescription(MultiplicityCommand.Description)
                .WithExample(MultiplicityCommand.Examples[0])
                .WithExample(MultiplicityCommand.Examples[1]);
            config.AddCommand<TrainCommand>("train")
                .WithDescription(TrainCommand.Description)
                .WithExample(TrainCommand.Examples[0])
                .WithExample(TrainCommand.Examples[1]);
            config.AddBranch("moe", moe =>
            {
                moe.SetDescription("Dense or MoE, and which MoE: parameter and FLOP counts, Efficiency Leverage, config search, refits (Tian et al. 2025).");
                moe.AddCommand<MoeInspectCommand>("inspect").WithDescription(MoeInspectCommand.Description).WithExample(MoeInspectCommand.Example);
                moe.AddCommand<MoeElCommand>("el").WithDescription(MoeElCommand.Description).WithExample(MoeElCommand.Example);
                moe.AddCommand<MoePlanCommand>("plan").WithDescription(MoePlanCommand.Description).WithExample(MoePlanCommand.Example);
                moe.AddCommand<MoeFitCommand>("fit").WithDescription(MoeFitCommand.Description).WithExample(MoeFitCommand.Example);
            });
        });
        try
        {
            return await app.RunAsync(args, cancel);
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            Console.Error.WriteLine($"mixlab: {failure.Message}");
            return failure.Code;
        }
    }

    /// <summary>Spectre's messages may carry markup; a message with a stray bracket (from user input) is not markup.</summary>
    private static string PlainText(string message)
    {
        try { return Markup.Remove(message); }
        catch (InvalidOperationException) { return message; }
    }

    /// <summary>The exit code and the one line to print for a failure; null lets a bug surface with MIXLAB_DEBUG set.</summary>
    private static (int Code, string Message)? Classify(Exception e) => e switch
    {
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        RunLogException or UserInputException or MoeConfigException or CurationConfigException or DocumentInputException => (ExitCodes.BadArguments, e.Message),
        CommandAppException => (ExitCodes.BadArguments, $"{PlainText(e.Message).TrimEnd('.')} (see mixlab --help)"),
        IOException or UnauthorizedAccessException or TimeoutException => (ExitCodes.Failure, e.Message),
        _ when Environment.GetEnvironmentVariable("MIXLAB_DEBUG") is null =>
            (ExitCodes.Failure, $"internal error: {e.GetType().Name}: {e.Message} (set MIXLAB_DEBUG=1 for the stack trace, and please report it)"),
        _ => null,
    };
}
