using System.Text;
using Microsoft.ML.Tokenizers;

namespace MixLab.Training;

/// <summary>Turns document text into token ids; every document is followed by <see cref="EndOfText"/> in the streams.</summary>
public interface ITextTokenizer
{
    /// <summary><c>byte</c> or <c>gpt2</c>.</summary>
    string Name { get; }
    /// <summary>Number of token ids (the model's vocabulary).</summary>
    int VocabSize { get; }
    /// <summary>The end-of-text id appended after each document.</summary>
    int EndOfText { get; }
    /// <summary>Appends the ids of <paramref name="text"/> to <paramref name="ids"/>.</summary>
    void Encode(string text, List<int> ids);
}

/// <summary>Byte-level tokens: the UTF-8 bytes (0–255) plus end-of-text 256; vocabulary 257.</summary>
public sealed class ByteTokenizer : ITextTokenizer
{
    public string Name => "byte";
    public int VocabSize => 257;
    public int EndOfText => 256;

    public void Encode(string text, List<int> ids)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        ids.EnsureCapacity(ids.Count + bytes.Length);
        foreach (var b in bytes) ids.Add(b);
    }
}

/// <summary>GPT-2 BPE (Microsoft.ML.Tokenizers with the bundled gpt2 data, offline): vocabulary 50,257, end-of-text 50,256.</summary>
public sealed class Gpt2Tokenizer : ITextTokenizer
{
    private readonly Tokenizer _tokenizer = TiktokenTokenizer.CreateForModel("gpt2");
    public string Name => "gpt2";
    public int VocabSize => 50257;
    public int EndOfText => 50256;
    public void Encode(string text, List<int> ids) => ids.AddRange(_tokenizer.EncodeToIds(text));
}

/// <summary>Creates a tokenizer by config name.</summary>
public static class TextTokenizers
{
    public static ITextTokenizer Create(string name) => name switch
    {
        "byte" => new ByteTokenizer(),
        "gpt2" => new Gpt2Tokenizer(),
        _ => throw new TrainingConfigException($"unknown tokenizer '{name}'; use byte or gpt2"),
    };
}
