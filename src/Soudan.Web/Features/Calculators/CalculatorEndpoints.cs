using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Soudan.LaborLaw;
using Soudan.LaborLaw.Calculators;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Web.Features.Calculators;

/// <summary>
/// The calculators of CALCULATORS.md over HTTP: <c>GET /api/v1/minimum-wages/{code}</c> and
/// <c>POST /api/v1/calculations/{kind}</c>. Every answer carries its steps, the articles applied and
/// warnings; bad input is a 400 naming each field, whatever was wrong with it (a missing value, an
/// impossible date, a word where a number belongs).
/// </summary>
public static class CalculatorEndpoints
{
    /// <summary>A month of shifts is a few kilobytes; nothing a calculator reads comes near this.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    internal static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public static IServiceCollection AddSoudanCalculators(this IServiceCollection services)
    {
        // The same converters for every API, so the OpenAPI document shows enums and times as they are sent.
        services.ConfigureHttpJsonOptions(o =>
        {
            foreach (var converter in Json.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            // A worked example for each calculator, so a caller sees a whole request at once.
            var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
            if (name is not null && Examples.TryGetValue(name, out var example) && operation.RequestBody?.Content is { } content
                && content.TryGetValue("application/json", out var media))
            {
                media.Example = System.Text.Json.Nodes.JsonNode.Parse(example);
            }

            return Task.CompletedTask;
        }));
        return services.AddSingleton<MinimumWageRates>().AddScoped<CalculatorWords>();
    }

    /// <summary>The request examples of the OpenAPI document, by endpoint name (the worked examples of the tests).</summary>
    internal static readonly IReadOnlyDictionary<string, string> Examples = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MinimumWageCheck"] = """{"prefectureCode":"13","on":"2025-11-01","payType":"monthly","payYen":180000,"scheduledHoursPerMonth":160}""",
        ["AverageWage"] = """{"periods":[{"calendarDays":31,"daysWorked":22,"fixedYen":300000,"variableYen":0},{"calendarDays":30,"daysWorked":21,"fixedYen":300000,"variableYen":0},{"calendarDays":31,"daysWorked":22,"fixedYen":300000,"variableYen":0}]}""",
        ["LeaveAllowance"] = """{"averageWageYen":9782.60,"leaveDays":20,"rate":0.6,"paidYen":50000}""",
        ["NoticeAllowance"] = """{"averageWageYen":10000,"noticeDate":"2025-08-14","dismissalDate":"2025-08-27"}""",
        ["PaidLeave"] = """{"hireDate":"2024-04-01","on":"2026-12-01","weeklyDays":5,"weeklyHours":40}""",
        ["ClaimLimitation"] = """{"on":"2026-12-01","claimType":"wages"}""",
        ["Overtime"] = """{"prefectureCode":"13","payType":"monthly","payYen":180000,"scheduledHoursPerMonth":160,"weeklyLimitHours":40,"days":[{"date":"2025-11-03","start":"06:00","end":"23:00","breakMinutes":60},{"date":"2025-11-04","start":"06:00","end":"23:00","breakMinutes":60},{"date":"2025-11-05","start":"22:00","end":"07:00","breakMinutes":60}]}""",
    };

    public static IEndpointRouteBuilder MapCalculators(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/minimum-wages/{prefectureCode}", MinimumWageAsync)
            .WithTags("Calculators")
            .WithName("GetMinimumWage")
            .WithSummary("The regional minimum wage in force in a prefecture on a day")
            .WithDescription("prefectureCode is JIS X 0401, \"01\" to \"47\" (Tokyo is \"13\"). on is YYYY-MM-DD, today in Japan when left out. " +
                "newerRevisionMayApply is true when the day is more than 12 months after the newest rate known here.")
            .AllowAnonymous();

        var calculations = routes.MapGroup("/api/v1/calculations")
            .WithTags("Calculators")
            .AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .ProducesValidationProblem();
        calculations.MapPost("/minimum-wage-check", (HttpRequest request, MinimumWageRates rates) =>
                CalculateAsync<MinimumWageCheckInput, MinimumWageCheckResult>(request, rates, (table, input) => MinimumWageCheck.Calculate(table, input)))
            .Accepts<MinimumWageCheckInput>("application/json").WithName("MinimumWageCheck")
            .WithSummary("Is the pay at least the minimum wage? (Minimum Wage Act Art. 4)");
        calculations.MapPost("/average-wage", (HttpRequest request) => CalculateAsync<AverageWageInput, AverageWageResult>(request, null, (_, input) => AverageWage.Calculate(input)))
            .Accepts<AverageWageInput>("application/json").WithName("AverageWage")
            .WithSummary("Average wage from up to three wage periods (LSA Art. 12)");
        calculations.MapPost("/leave-allowance", (HttpRequest request) => CalculateAsync<LeaveAllowanceInput, LeaveAllowanceResult>(request, null, (_, input) => LeaveAllowance.Calculate(input)))
            .Accepts<LeaveAllowanceInput>("application/json").WithName("LeaveAllowance")
            .WithSummary("Leave allowance: at least 60 % of the average wage a day (LSA Art. 26)");
        calculations.MapPost("/notice-allowance", (HttpRequest request) => CalculateAsync<NoticeAllowanceInput, NoticeAllowanceResult>(request, null, (_, input) => NoticeAllowance.Calculate(input)))
            .Accepts<NoticeAllowanceInput>("application/json").WithName("NoticeAllowance")
            .WithSummary("Pay in lieu of 30 days' notice of dismissal (LSA Art. 20)");
        calculations.MapPost("/paid-leave", (HttpRequest request) => CalculateAsync<PaidLeaveInput, PaidLeaveResult>(request, null, (_, input) => PaidLeave.Calculate(input)))
            .Accepts<PaidLeaveInput>("application/json").WithName("PaidLeave")
            .WithSummary("Annual paid leave granted and still valid (LSA Art. 39)");
        calculations.MapPost("/claim-limitation", (HttpRequest request) => CalculateAsync<ClaimLimitationInput, ClaimLimitationResult>(request, null, (_, input) => ClaimLimitation.Calculate(input)))
            .Accepts<ClaimLimitationInput>("application/json").WithName("ClaimLimitation")
            .WithSummary("The earliest payday still claimable (LSA Arts. 115, 143)");
        calculations.MapPost("/overtime", (HttpRequest request, MinimumWageRates rates) =>
                CalculateAsync<OvertimeInput, OvertimeResult>(request, rates, (table, input) => Overtime.Calculate(table, input)))
            .Accepts<OvertimeInput>("application/json").WithName("Overtime")
            .WithSummary("Unpaid overtime, late-night and holiday premiums from the days worked (LSA Arts. 32, 35, 37)");

        // The benchmark's measure of the framework's own work for the same request: the month read
        // and written back as JSON, nothing calculated. Off unless Benchmark__Enabled=true.
        if (routes.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Benchmark:Enabled", false))
        {
            routes.MapPost("/bench/json-echo", async (HttpRequest request) => TypedResults.Json(await request.ReadFromJsonAsync<OvertimeInput>(Json, request.HttpContext.RequestAborted), Json))
                .AllowAnonymous().ExcludeFromDescription();
        }

        return routes;
    }

    private static async Task<Results<Ok<MinimumWageAnswer>, ProblemHttpResult, ValidationProblem>> MinimumWageAsync(string prefectureCode, string? on, MinimumWageRates rates, TimeProvider clock, CancellationToken cancellationToken)
    {
        DateOnly day;
        if (on is null)
        {
            day = DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        }
        else if (!DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["on"] = ["Not a date (YYYY-MM-DD)."] });
        }

        var table = await rates.CurrentAsync(cancellationToken);
        if (!table.Knows(prefectureCode))
        {
            return TypedResults.Problem(statusCode: 404, title: "No such prefecture", detail: "Prefecture codes are JIS X 0401, \"01\" to \"47\".");
        }

        return table.InForce(prefectureCode, day) is { } rate
            ? TypedResults.Ok(new MinimumWageAnswer(rate, table.NewerRevisionMayApply(prefectureCode, day)))
            : TypedResults.Problem(
                statusCode: 404,
                title: "No minimum wage known for that day",
                detail: $"The oldest rate known here for {prefectureCode} is from {table.Rates.Where(r => r.PrefectureCode == prefectureCode).Min(r => r.EffectiveFrom):yyyy-MM-dd}.");
    }

    private static async Task<IResult> CalculateAsync<TInput, TResult>(HttpRequest request, MinimumWageRates? rates, Func<MinimumWageTable, TInput, TResult> calculate)
        where TInput : class
    {
        TInput? input;
        try
        {
            input = await request.ReadFromJsonAsync<TInput>(Json, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            return Problem(field.Length > 0 ? field : "body", field.Length > 0 ? "This is not a valid value here." : "The body is not JSON.");
        }
        catch (InvalidOperationException)
        {
            return Problem("body", "Send JSON (Content-Type: application/json).");
        }

        if (input is null)
        {
            return Problem("body", "Send a JSON object.");
        }

        try
        {
            var table = rates is null ? MinimumWageTable.Seed : await rates.CurrentAsync(request.HttpContext.RequestAborted);
            return TypedResults.Json(calculate(table, input), Json);
        }
        catch (InvalidInputException e)
        {
            return TypedResults.ValidationProblem(
                e.Errors.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Text).ToArray()),
                title: "Please check the input.");
        }
    }

    private static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Please check the input.");

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new ClockTimeConverter());
        return options;
    }

    /// <summary>Times as people write them, "06:00" or "6:00" (and "06:00:00"), written back as "HH:mm".</summary>
    private sealed class ClockTimeConverter : JsonConverter<TimeOnly>
    {
        private static readonly string[] Formats = ["H:mm", "HH:mm", "HH:mm:ss"];

        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && TimeOnly.TryParseExact(reader.GetString(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time
                : throw new JsonException("Not a time (HH:mm).");

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("HH:mm", CultureInfo.InvariantCulture));
    }
}
