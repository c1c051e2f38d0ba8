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
        if (s.Json) { Console.Out.WriteLine(MoeReportJson.Inspect(config, s.FlopConvention, s.Tokens, s.Law)); return ExitCodes.Success; }
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
            table.AddRow("activation ratio E_a/E (routed)", ratios.ActivationRouted.ToString("P2", CultureInfo.InvariantCulture));
            table.AddRow("activation ratio (E_a+E_s)/(E+E_s)", ratios.ActivationStated.ToString("P2", CultureInfo.InvariantCulture));
            table.AddRow("sharing ratio S", ratios.Sharing.ToString("P1", CultureInfo.InvariantCulture));
            table.AddRow("granularity G = 2d/d_expert", ratios.Granularity.ToString("G4", CultureInfo.InvariantCulture));
        }
        table.AddRow($"FLOPs per token M ({s.FlopConvention})", flops.PerToken.ToString("G4", CultureInfo.InvariantCulture));
        table.AddRow("attention share of M", flops.AttentionShare.ToString("P1", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }

    private static string Exact(long n) => n >= 1_000_000_000 ? $"{n / 1e9:0.000}B" : $"{n / 1e6:0.0}M";

    internal static string Count(long n) => n >= 1_000_000_000 ? $"{n / 1e9:0.##}B" : $"{n / 1e6:0.#}M";
}
