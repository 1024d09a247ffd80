using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Soudan.Web.Features.Calculators.Forms;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Web.Features.Calculators.Pages;

/// <summary>
/// What every page with a calculator does, on the public side and on a case: open the form of a
/// kind, read what was posted, calculate, put problems on their boxes in the reader's language,
/// and the overtime form's own steps (a pattern written out as days, more lines, back to the week).
/// </summary>
public abstract class CalculatorPageModel(MinimumWageRates rates, CalculatorWords words, TimeProvider clock) : PageModel
{
    public CalculatorKind Kind { get; private set; } = null!;

    public CalculatorForm Input { get; private set; } = null!;

    public CalculationView? Result { get; private set; }

    protected DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>The overtime pattern written out as days, to change those that were different.</summary>
    public Task<IActionResult> OnPostDaysAsync(string kind, CancellationToken cancellationToken) =>
        OvertimeStepAsync(kind, overtime => ShowErrors(overtime.WriteOutDays()), cancellationToken);

    public Task<IActionResult> OnPostMoreDaysAsync(string kind, CancellationToken cancellationToken) =>
        OvertimeStepAsync(kind, overtime => overtime.AddRows(), cancellationToken);

    public Task<IActionResult> OnPostPatternAsync(string kind, CancellationToken cancellationToken) =>
        OvertimeStepAsync(kind, overtime => overtime.BackToPattern(), cancellationToken);

    /// <summary>Null when the reader may use this page; else what to answer (a case they may not see).</summary>
    protected abstract Task<IActionResult?> RefusedAsync(CancellationToken cancellationToken);

    /// <summary>A blank form of the kind, or false for a kind that does not exist.</summary>
    protected bool Open(string kind)
    {
        if (CalculatorKind.Find(kind) is not { } found)
        {
            return false;
        }

        (Kind, Input) = (found, found.NewForm());
        return true;
    }

    /// <summary>The form as posted. What was typed is never cached: it may be someone's wages.</summary>
    protected async Task<bool> ReadAsync(string kind)
    {
        if (!Open(kind))
        {
            return false;
        }

        await TryUpdateModelAsync(Input, Input.GetType(), nameof(Input));
        ModelState.Clear(); // the calculator's own rules are the only ones
        Response.Headers.CacheControl = "no-store";
        return true;
    }

    /// <summary>Runs the form: the result to show, or its problems on their boxes.</summary>
    protected async Task<CalculationRun> CalculateAsync(CancellationToken cancellationToken)
    {
        var run = Input.Run(await rates.CurrentAsync(cancellationToken));
        if (run.Succeeded)
        {
            Result = CalculationView.Of(Kind, run.ResultJson(), run.InputJson(Input.InputType));
        }
        else
        {
            ShowErrors(run.Errors);
        }

        Input.Tidy();
        return run;
    }

    protected void ShowErrors(IEnumerable<FormError> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(nameof(Input) + "." + error.Field, words.Error(error));
        }
    }

    private async Task<IActionResult> OvertimeStepAsync(string kind, Action<OvertimeForm> step, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!await ReadAsync(kind) || Input is not OvertimeForm overtime)
        {
            return NotFound();
        }

        step(overtime);
        return Page();
    }
}
