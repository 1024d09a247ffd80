using System.Globalization;

namespace Soudan.Web.Infrastructure.Time;

/// <summary>
/// Every time a person enters or reads is Japan time (PRODUCT.md: "always Asia/Tokyo, shown with
/// JST"); every instant stored is UTC. Japan has no daylight saving, but the zone database says so,
/// not this code.
/// </summary>
public static class JapanTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static DateTime ToUtc(DateTime japanLocal) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(japanLocal, DateTimeKind.Unspecified), Zone);

    public static DateTime FromUtc(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>An instant as Japan time with its offset, e.g. 2026-07-25T13:00:00+09:00, for APIs.</summary>
    public static DateTimeOffset ToOffset(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Zone);

    /// <summary>"2026年7月25日 13:00 JST" or "July 25, 2026 1:00 PM JST", in the current culture.</summary>
    public static string Format(DateTime utc) =>
        FromUtc(utc).ToString("g", CultureInfo.CurrentCulture) + " JST";

    /// <summary>The day in Japan, long form in the current culture: "2026年7月25日", "Saturday, July 25, 2026".</summary>
    public static string FormatDate(DateTime utc) =>
        FromUtc(utc).ToString("D", CultureInfo.CurrentCulture);

    /// <summary>"2026年7月25日 13:00–17:00 JST": one date when both ends fall on the same day in Japan.</summary>
    public static string FormatRange(DateTime startUtc, DateTime endUtc)
    {
        var (start, end) = (FromUtc(startUtc), FromUtc(endUtc));
        var culture = CultureInfo.CurrentCulture;
        var endText = start.Date == end.Date ? end.ToString("t", culture) : end.ToString("g", culture);
        return $"{start.ToString("D", culture)} {start.ToString("t", culture)}–{endText} JST";
    }

    /// <summary>The value of an <c>&lt;input type="datetime-local"&gt;</c> in Japan time.</summary>
    public static string ToInputValue(DateTime utc) =>
        FromUtc(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
