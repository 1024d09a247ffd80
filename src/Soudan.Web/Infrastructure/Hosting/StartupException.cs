namespace Soudan.Web.Infrastructure.Hosting;

/// <summary>
/// A setting that keeps Soudan from starting. Program prints the message, one line naming the
/// setting to fix, and exits non-zero; no stack trace for an operator to read through.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
