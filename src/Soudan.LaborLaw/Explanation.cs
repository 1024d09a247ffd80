using System.Globalization;

namespace Soudan.LaborLaw;

/// <summary>
/// One step of a calculation, so a worker and a counselor can follow how a figure was reached:
/// <see cref="Code"/> names the step (pages say it in the reader's language), <see cref="Figures"/>
/// are the numbers it used and produced (and <see cref="Dates"/> the days), <see cref="Article"/> is
/// the rule, and <see cref="Text"/> says it in English (for the API and logs).
/// </summary>
public sealed record CalculationStep(string Code, string Article, IReadOnlyDictionary<string, decimal> Figures, string Text)
{
    public IReadOnlyDictionary<string, DateOnly> Dates { get; init; } = NoDates.Value;
}

internal static class NoDates
{
    public static readonly IReadOnlyDictionary<string, DateOnly> Value = new Dictionary<string, DateOnly>();
}

/// <summary>What every calculation answers besides its figures: the steps, the articles applied, and warnings.</summary>
public abstract record Explained
{
    public IReadOnlyList<CalculationStep> Steps { get; init; } = [];

    public IReadOnlyList<string> Basis => Steps.Select(s => s.Article).Distinct().ToList();

    public IReadOnlyList<Warning> Warnings { get; init; } = [];
}

/// <summary>Something the reader should know about a result: a code for pages, English text, and the days it names.</summary>
public sealed record Warning(string Code, string Text)
{
    public IReadOnlyDictionary<string, DateOnly> Dates { get; init; } = NoDates.Value;
}

/// <summary>Builds the steps of one calculation in order.</summary>
internal sealed class StepList
{
    private readonly List<CalculationStep> _steps = [];

    public IReadOnlyList<CalculationStep> All => _steps;

    public void Add(string code, string article, string text, params (string Name, decimal Value)[] figures) =>
        _steps.Add(new CalculationStep(code, article, figures.ToDictionary(f => f.Name, f => f.Value), text));

    /// <summary>A step that names days as well as figures (a notice date, a grant, a payday).</summary>
    public void Add(string code, string article, string text, (string Name, DateOnly Value)[] dates, params (string Name, decimal Value)[] figures) =>
        _steps.Add(new CalculationStep(code, article, figures.ToDictionary(f => f.Name, f => f.Value), text) { Dates = dates.ToDictionary(d => d.Name, d => d.Value) });

    public static string Yen(decimal value) => "¥" + value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
