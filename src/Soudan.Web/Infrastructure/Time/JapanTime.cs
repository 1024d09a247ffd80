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

    /// <summary>"2026年7月25日 13:00 JST" or "July 25, 2026 1:00 PM JST", in the current culture.</summary>
    public static string Format(DateTime utc) =>
        FromUtc(utc).ToString("g", CultureInfo.CurrentCulture) + " JST";

    /// <summary>The value of an <c>&lt;input type="datetime-local"&gt;</c> in Japan time.</summary>
    public static string ToInputValue(DateTime utc) =>
        FromUtc(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
