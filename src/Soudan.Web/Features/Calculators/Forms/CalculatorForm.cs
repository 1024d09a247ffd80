using System.Text.Json;
using Soudan.LaborLaw;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Web.Infrastructure.Text;

namespace Soudan.Web.Features.Calculators.Forms;

/// <summary>One thing to fix on a form: the box (as the form names it), why, and for a number out of range its limits.</summary>
public sealed record FormError(string Field, string Code, decimal? Min = null, decimal? Max = null);

/// <summary>What a form gives back once read and run: the calculator's input (as the API takes it) and answer, or what to fix.</summary>
public sealed record CalculationRun(object Input, Explained? Result, IReadOnlyList<FormError> Errors)
{
    public bool Succeeded => Result is not null;

    /// <summary>The input as the API takes it: what a case keeps, and can calculate again.</summary>
    public string InputJson(Type inputType) => JsonSerializer.Serialize(Input, inputType, CalculatorEndpoints.Json);

    /// <summary>The answer as the API gives it.</summary>
    public string ResultJson() => JsonSerializer.Serialize(Result, Result!.GetType(), CalculatorEndpoints.Json);
}

/// <summary>What a case already knows that a calculator asks: where the worker works, their average wage.</summary>
public sealed record KnownFacts(string? PrefectureCode, decimal? AverageWageYen);

/// <summary>Collects what cannot be read on a form, box by box.</summary>
public sealed class FormErrors
{
    private readonly List<FormError> _errors = [];

    public IReadOnlyList<FormError> All => _errors;

    public void Add(string field, string code) => _errors.Add(new FormError(field, code));

    /// <summary>An amount of yen ("180.000" groups thousands).</summary>
    public decimal? Yen(string field, string? text)
    {
        if (FormValues.TryYen(text, out var value))
        {
            return value;
        }

        Add(field, "not-a-number");
        return null;
    }

    /// <summary>Hours, per cent ("173.333" is a fraction).</summary>
    public decimal? Number(string field, string? text)
    {
        if (FormValues.TryNumber(text, out var value))
        {
            return value;
        }

        Add(field, "not-a-number");
        return null;
    }

    public int? Whole(string field, string? text)
    {
        if (FormValues.TryWhole(text, out var value))
        {
            return value;
        }

        Add(field, "not-a-whole-number");
        return null;
    }

    public DateOnly? Date(string field, string? text)
    {
        if (FormValues.TryDate(text, out var value))
        {
            return value;
        }

        Add(field, "not-a-date");
        return null;
    }

    public TimeOnly? Time(string field, string? text)
    {
        if (FormValues.TryTime(text, out var value))
        {
            return value;
        }

        Add(field, "not-a-time");
        return null;
    }
}

/// <summary>
/// The boxes of one calculator as a person fills them in (text as typed, so a mistake comes back
/// as it was written), read into the library's input, run, and the library's errors put back on
/// the boxes they are about. The same form serves the public page and the case.
/// </summary>
public abstract class CalculatorForm
{
    /// <summary>The calculator's input type: what the API reads and a case keeps.</summary>
    public abstract Type InputType { get; }

    /// <summary>What a blank form shows: today where a day is asked, the usual hours.</summary>
    public abstract void SetDefaults(DateOnly today);

    /// <summary>Readies the boxes to be shown again (a form of rows shows all its rows).</summary>
    public virtual void Tidy()
    {
    }

    /// <summary>Fills in what a case already knows, leaving the rest as it is.</summary>
    public virtual void Prefill(KnownFacts facts)
    {
    }

    /// <summary>Reads the boxes, and runs the calculator when they can be read and are complete.</summary>
    public CalculationRun Run(MinimumWageTable table)
    {
        var unreadable = new FormErrors();
        var input = Read(unreadable);
        // Every problem at once: what could not be read, then what the calculator refuses in the rest.
        var refused = Check(table, input).Select(e => OnBox(new FormError(FieldOf(e.Field), e.Code, e.Min, e.Max)));
        var problems = unreadable.All.Concat(refused.Where(r => unreadable.All.All(u => u.Field != r.Field))).DistinctBy(p => (p.Field, p.Code)).ToList();
        return problems.Count > 0 ? new CalculationRun(input, null, problems) : new CalculationRun(input, Calculate(table, input), []);
    }

    /// <summary>The answer again from an input kept on a case, with the rates known now; null if today's rules refuse that input.</summary>
    public Explained? Recalculate(MinimumWageTable table, string inputJson)
    {
        var input = JsonSerializer.Deserialize(inputJson, InputType, CalculatorEndpoints.Json)!;
        return Check(table, input).Count == 0 ? Calculate(table, input) : null;
    }

    /// <summary>Puts an input kept on a case back into the boxes, to change it and calculate again.</summary>
    public void Fill(string inputJson) => Fill(JsonSerializer.Deserialize(inputJson, InputType, CalculatorEndpoints.Json)!);

    /// <summary>The input as far as the boxes can be read: what cannot be read is null in it, and noted.</summary>
    protected abstract object Read(FormErrors errors);

    protected abstract IReadOnlyList<InputError> Check(MinimumWageTable table, object input);

    protected abstract Explained Calculate(MinimumWageTable table, object input);

    protected abstract void Fill(object input);

    /// <summary>The box that shows a problem the library names by its API field ("days[3].start").</summary>
    protected abstract string FieldOf(string apiField);

    /// <summary>A problem as its box says it: a box in per cent gives its limits in per cent.</summary>
    protected virtual FormError OnBox(FormError problem) => problem;

    /// <summary>"periods[2].daysWorked" → (2, "daysWorked").</summary>
    protected static (int Index, string Field)? Indexed(string apiField, string list)
    {
        if (!apiField.StartsWith(list + "[", StringComparison.Ordinal))
        {
            return null;
        }

        var close = apiField.IndexOf(']', StringComparison.Ordinal);
        return close > list.Length + 1 && int.TryParse(apiField.AsSpan(list.Length + 1, close - list.Length - 1), out var index)
            ? (index, apiField[(close + 1)..].TrimStart('.'))
            : null;
    }
}

/// <summary>A form whose calculator takes <typeparamref name="TInput"/>.</summary>
public abstract class CalculatorForm<TInput> : CalculatorForm
    where TInput : class
{
    public sealed override Type InputType => typeof(TInput);

    protected sealed override object Read(FormErrors errors) => ReadInput(errors);

    protected sealed override IReadOnlyList<InputError> Check(MinimumWageTable table, object input) => Check(table, (TInput)input);

    protected sealed override Explained Calculate(MinimumWageTable table, object input) => Calculate(table, (TInput)input);

    protected sealed override void Fill(object input) => Fill((TInput)input);

    protected abstract TInput ReadInput(FormErrors errors);

    protected abstract IReadOnlyList<InputError> Check(MinimumWageTable table, TInput input);

    protected abstract Explained Calculate(MinimumWageTable table, TInput input);

    protected abstract void Fill(TInput input);
}
