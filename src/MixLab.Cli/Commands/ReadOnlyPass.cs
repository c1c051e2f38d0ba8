using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MixLab.Curation.Pipeline;

namespace MixLab.Cli.Commands;

/// <summary>
/// <c>mixlab curate --read-only</c>: reads, decompresses and parses the inputs and nothing else. It is the "raw floor"
/// the curation benchmark compares the full pipeline against, measured by the same readers.
/// </summary>
internal static class ReadOnlyPass
{
    public static int Run(IReadOnlyList<string> inputs, int maxDocumentBytes, bool json, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        long docs = 0, rejected = 0, chars = 0, bytes = 0;
        foreach (var input in CurationIo.ExpandInputs(inputs))
        {
            var reader = CurationIo.OpenInput(input, maxDocumentBytes);
            try
            {
                foreach (var item in reader.Read(cancel))
                {
                    if (item.Document is { } d) { docs++; chars += d.Text.Length; }
                    else rejected++;
                }
            }
            finally { (reader as IDisposable)?.Dispose(); }
            bytes += File.Exists(input.Path) ? new FileInfo(input.Path).Length : 0;
        }
        double s = Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
        var inv = CultureInfo.InvariantCulture;
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new { documents = docs, rejected, text_chars = chars, input_bytes = bytes, seconds = s, docs_per_second = docs / s, mb_per_second = bytes / 1e6 / s }));
        }
        else
        {
            Console.Out.WriteLine($"read {docs.ToString("N0", inv)} documents ({rejected.ToString("N0", inv)} rejected), {(bytes / 1e6).ToString("F1", inv)} MB of input, {(chars / 1e6).ToString("F1", inv)} M text chars in {s.ToString("F2", inv)} s: {(docs / s).ToString("N0", inv)} docs/s, {(bytes / 1e6 / s).ToString("F1", inv)} MB/s");
        }
        return ExitCodes.Success;
    }
}
