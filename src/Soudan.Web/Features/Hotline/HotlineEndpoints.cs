using System.Globalization;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Hosting;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Time;

namespace Soudan.Web.Features.Hotline;

/// <summary>A hotline session as partner sites and apps read it.</summary>
/// <param name="Id">Stable: the session's page is /{lang}/hotline/{id}.</param>
/// <param name="Title">In the language asked for, else English, else Japanese.</param>
/// <param name="Description">In the same language as the title.</param>
/// <param name="Language">The language the title and description are in.</param>
/// <param name="StartsAt">Japan time, with its offset (+09:00).</param>
/// <param name="EndsAt">Japan time, with its offset (+09:00).</param>
/// <param name="PhoneNumbers">Numbers to call; 0120 and 0800 numbers are free.</param>
/// <param name="Languages">Codes of the languages spoken on the phone.</param>
/// <param name="Topics">Problem codes the session is about; empty for any problem.</param>
/// <param name="Cancelled">True when the session will not take place.</param>
/// <param name="Url">The session's page in the language asked for.</param>
public sealed record HotlineSessionSummary(
    int Id,
    string? Title,
    string? Description,
    string? Language,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<string> PhoneNumbers,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Topics,
    bool Cancelled,
    string Url);

public static class HotlineEndpoints
{
    public static IEndpointRouteBuilder MapHotline(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/hotline-sessions", ListAsync)
            .WithTags("Hotline")
            .WithName("ListHotlineSessions")
            .WithSummary("Hotline sessions: the coming ones (upcoming=true) or all, newest first")
            .AllowAnonymous();
        routes.MapGet("/{lang:publiclang}/hotline/{id:int}/calendar.ics", CalendarAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return routes;
    }

    private static async Task<Ok<List<HotlineSessionSummary>>> ListAsync(
        SoudanDbContext db, HotlineSchedule schedule, PublicAddress address, HttpContext http, bool? upcoming, string? lang, CancellationToken cancellationToken)
    {
        var language = PublicLanguages.AskedBy(lang, http.Request.Headers.AcceptLanguage.ToString());
        var sessions = upcoming == true
            ? await schedule.UpcomingAsync(100, cancellationToken)
            : await db.Set<HotlineSession>().AsNoTracking().OrderByDescending(s => s.StartsAtUtc).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(sessions.Select(s =>
        {
            var text = s.TextFor(language);
            return new HotlineSessionSummary(
                s.Id, text?.Title, text?.Description, text?.Language,
                JapanTime.ToOffset(s.StartsAtUtc), JapanTime.ToOffset(s.EndsAtUtc),
                s.PhoneNumbers, s.Languages, s.Topics, s.IsCancelled,
                address.For($"/{language.Code}/hotline/{s.Id}"));
        }).ToList());
    }

    /// <summary>An iCalendar file in Japan time, so a phone's calendar shows the right hour wherever it is set.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> CalendarAsync(
        string lang, int id, HotlineSchedule schedule, PublicAddress address, CancellationToken cancellationToken)
    {
        var session = await schedule.FindAsync(id, cancellationToken);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        var language = PublicLanguages.FindByCode(lang) ?? PublicLanguages.English;
        var text = session.TextFor(language);
        var url = address.For($"/{language.Code}/hotline/{session.Id}");
        var calendar = new Ical.Net.Calendar();
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(JapanTime.Zone.Id));
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"soudan-hotline-{session.Id}@{new Uri(url).Host}",
            Summary = text?.Title,
            Description = string.Join("\n", new[] { text?.Description, string.Join(" / ", session.PhoneNumbers), url }.Where(s => !string.IsNullOrEmpty(s))),
            Location = string.Join(" / ", session.PhoneNumbers),
            Url = new Uri(url),
            Start = new CalDateTime(JapanTime.FromUtc(session.StartsAtUtc), JapanTime.Zone.Id),
            End = new CalDateTime(JapanTime.FromUtc(session.EndsAtUtc), JapanTime.Zone.Id),
            Status = session.IsCancelled ? "CANCELLED" : "CONFIRMED",
        });
        var ics = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return TypedResults.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"hotline-{session.Id}.ics"));
    }
}
