using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace MixLab.Curation.Dedup;

/// <summary>
/// The stable 64-bit exact-dedup key of a document (DESIGN.md "Deterministic"; fixes MixtureVitae's randomised
/// string hashing, curation spec §1.13 item 1): XxHash64 with seed <see cref="Seed"/> over the UTF-8 bytes of
/// <see cref="DedupNormalizer.Normalize(string)"/>(text). Independent of process, platform and run; reproducible in Python
/// as <c>xxhash.xxh64(normalised.encode("utf-8"), seed=0x6D69786C61622D31).intdigest()</c>.
/// </summary>
public static class ExactDedupSignature
{
    /// <summary>The fixed seed: the ASCII bytes of "mixlab-1" read big-endian.</summary>
    public const long Seed = 0x6D69786C61622D31;

    /// <summary>Hash of the normalised text (pooled buffers, no per-document string).</summary>
    public static ulong Compute(string text) => Hash(text, normalize: true);

    /// <summary>Hash of the normalised text given as a span.</summary>
    public static ulong Compute(ReadOnlySpan<char> text) => Hash(text, normalize: true);

    /// <summary>Hash of the text as it is (no normalisation): UTF-8 bytes, same seed.</summary>
    public static ulong ComputeRaw(ReadOnlySpan<char> text) => Hash(text, normalize: false);

    private static ulong Hash(ReadOnlySpan<char> text, bool normalize)
    {
        char[]? chars = null;
        byte[] bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length * DedupNormalizer.MaxExpansion));
        try
        {
            ReadOnlySpan<char> source = text;
            if (normalize)
            {
                chars = ArrayPool<char>.Shared.Rent(Math.Max(text.Length * DedupNormalizer.MaxExpansion, 1));
                int n = DedupNormalizer.Normalize(text, chars);
                source = chars.AsSpan(0, n);
            }
            int len = Encoding.UTF8.GetBytes(source, bytes);
            return XxHash64.HashToUInt64(bytes.AsSpan(0, len), Seed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            if (chars is not null) ArrayPool<char>.Shared.Return(chars);
        }
    }
}
