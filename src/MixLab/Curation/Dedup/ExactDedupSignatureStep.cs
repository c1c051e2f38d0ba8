using MixLab.Documents;

namespace MixLab.Curation.Dedup;

/// <summary>
/// Phase (a) of global exact dedup ("exact_dedup_signature"): writes each document's (hash, file index, line) to this
/// task's <see cref="HashRecordWriter"/> and keeps every document. The caller completes the writer at the end of the
/// task; phase (b) is <see cref="DuplicateResolver"/>, phase (c) <see cref="ExactDedupFilterStep"/>.
/// </summary>
public sealed class ExactDedupSignatureStep(HashRecordWriter writer, InputFileIndex files, ExactDedupOptions? options = null)
    : IPipelineStep
{
    private readonly ExactDedupOptions _options = options ?? new ExactDedupOptions();

    public string Name => "exact_dedup_signature";

    public StepResult Process(Document document)
    {
        var (file, line) = files.PositionOf(document);
        writer.Write(new HashRecord(_options.HashOf(document.Text), file, line));
        return StepResult.Kept;
    }
}
