using System.Globalization;
using MixLab.Planning.Moe;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands.Moe;

/// <summary><c>mixlab moe inspect CONFIG</c>: exact parameter counts, A, S, G and FLOPs per token of a model config.</summary>
public sealed class MoeInspectCommand : Command<MoeInspectSettings>
{
    internal const string Description = "Counts a dense or MoE config: total, active and non-embedding parameters, A, S, G, FLOPs per token.";
    internal static readonly string[] Example = ["moe", "inspect", "samples/moe/ling-mini-2.0.json", "--json"];

    /// <inheritdoc/>
    public override int Execute(CommandContext context, MoeInspectSettings s, CancellationToken cancel)
    {
        var config = MoeConfigJson.Read(s.Config);
        if (s.Context is int contextLength) config = config with { Context = contextLength };
        var json = MoeReportJson.Inspect(config, s.FlopConvention, s.Tokens, s.Law);
        if (s.Out is not null) { Directory.CreateDirectory(s.Out); File.WriteAllText(Path.Combine(s.Out, "inspect.json"), json + "\n"); }
        if (s.Json) { Console.Out.WriteLine(json); return ExitCodes.Success; }
        var counts = ParameterCounter.Count(config);
        var flops = FlopCounter.Count(config, s.FlopConvention);
        var ratios = MoeRatios.Of(config);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(config.Name)).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("total parameters", Exact(counts.Total));
        table.AddRow("active parameters", Exact(counts.Active));
        table.AddRow("non-embedding parameters", Exact(counts.NonEmbedding));
        table.AddRow("active non-embedding parameters", Exact(counts.ActiveNonEmbedding));
        table.AddRow("embedding parameters", Exact(counts.Embedding));
        if (config.IsMoe)
        {
            table.AddRow("activation ratio E_a/E (routed)", $"{100 * ratios.ActivationRouted:0.###}%");
            table.AddRow("activation ratio (E_a+E_s)/(E+E_s)", $"{100 * ratios.ActivationStated:0.###}%");
            table.AddRow("sharing ratio S", ratios.Sharing.ToString("P1", CultureInfo.InvariantCulture));
            table.AddRow("granularity G = 2d/d_expert", ratios.Granularity.ToString("G4", CultureInfo.InvariantCulture));
        }
        table.AddRow($"FLOPs per token M ({FlopConventionNames.Of(s.FlopConvention)})", flops.PerToken.ToString("G4", CultureInfo.InvariantCulture));
        table.AddRow("attention share of M", flops.AttentionShare.ToString("P1", CultureInfo.InvariantCulture));
        if (s.Tokens is double d)
        {
            double c6 = 6.0 * counts.ActiveNonEmbedding * d;
            table.AddRow("training compute M·D / 3×forward / 6·N_active·D", $"{flops.PerToken * d:G3} / {flops.TrainingPerToken * d:G3} / {c6:G3}");
            table.AddRow("HP law at 6·N·D: learning rate, batch tokens", $"{HyperParameterLaws.LearningRate(c6):G3}, {HyperParameterLaws.BatchTokens(c6):G3}");
            if (config.IsMoe) table.AddRow("EL at 6·N·D", $"{s.Law.At(ratios.ActivationRouted, ratios.Granularity, c6):G4}");
            table.AddRow("Krajewski loss of this model", $"{(config.IsMoe ? KrajewskiLaw.Moe(counts.NonEmbedding, d, ratios.GranularityKrajewski) : KrajewskiLaw.Dense(counts.NonEmbedding, d)):G4}");
            if (config.IsMoe) table.AddRow("Krajewski loss of a dense model with its active parameters", $"{KrajewskiLaw.Dense(counts.ActiveNonEmbedding, d):G4}");
            if (counts.NonEmbedding > 3.7e9 || d > 130e9 || d < 16e9)
                table.AddRow("[yellow]note[/]", "Krajewski et al. fitted 129M-3.7B parameters and 16B-130B tokens: extrapolated");
        }
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }

    private static string Exact(long n) => n >= 1_000_000_000 ? $"{n / 1e9:0.000}B" : $"{n / 1e6:0.0}M";

    internal static string Count(long n) => n >= 1_000_000_000 ? $"{n / 1e9:0.##}B" : $"{n / 1e6:0.#}M";
}
