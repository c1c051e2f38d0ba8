namespace MixLab.Curation.Quality;

/// <summary>
/// Switches and thresholds of <see cref="C4QualityFilter"/> with datatrove 0.10.0's defaults (C4, Raffel et al. 2020;
/// curation spec §2.1). Property names bind from datatrove's argument names (<c>split_paragraph</c>, ...); -1 switches
/// a numeric rule off, as in datatrove.
/// </summary>
public sealed class C4QualityOptions
{
    /// <summary>True: work on lines (Python splitlines) and count sentences per kept line; false: work on sentences
    /// of the whole text, each counting as one, re-joined with spaces.</summary>
    public bool SplitParagraph { get; init; } = true;

    /// <summary>Remove Wikipedia citation markers <c>[1]</c>, <c>[]</c>, <c>[edit]</c>, <c>[citation needed]</c>.</summary>
    public bool RemoveCitations { get; init; } = true;

    /// <summary>Drop lines that do not end in . ? ! " ' or that end in "...". FineWeb switched this off.</summary>
    public bool FilterNoTerminalPunct { get; init; } = true;

    /// <summary>Drop the document when fewer sentences remain (-1: off).</summary>
    public int MinNumSentences { get; init; } = 5;

    /// <summary>Drop lines with fewer whitespace-separated words (-1: off).</summary>
    public int MinWordsPerLine { get; init; } = 3;

    /// <summary>Drop lines with a whitespace-separated word longer than this (code points; -1: off).</summary>
    public int MaxWordLength { get; init; } = 1000;

    /// <summary>Drop the document when a line that got this far contains "lorem ipsum" (any case).</summary>
    public bool FilterLoremIpsum { get; init; } = true;

    /// <summary>Drop lines containing "javascript" (any case).</summary>
    public bool FilterJavascript { get; init; } = true;

    /// <summary>Drop the document when a line that got this far contains "{".</summary>
    public bool FilterCurlyBracket { get; init; } = true;

    /// <summary>Drop lines containing terms of use, privacy policy, cookie policy, uses cookies, use of cookies, use cookies.</summary>
    public bool FilterPolicy { get; init; } = true;
}
