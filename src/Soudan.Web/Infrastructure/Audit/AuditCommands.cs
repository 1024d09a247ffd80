using System.CommandLine;

namespace Soudan.Web.Infrastructure.Audit;

/// <summary>
/// <c>-- audit verify [--anchor HEAD]</c>: proves the audit log has not been changed, or says where
/// it was; <c>-- audit head</c>: prints the signed head to keep elsewhere.
/// </summary>
public static class AuditCommands
{
    public static Command Create(IServiceProvider services)
    {
        var anchorOption = new Option<string?>("--anchor")
        {
            Description = "A head written out earlier (soudan-audit:COUNT:HASH:SIGNATURE, from the log, the head file or `audit head`): the log must still pass through it.",
        };
        var verify = new Command("verify", "Seal waiting audit events, recompute the hash chain and report whether any line was changed or removed (exit 1 if so).");
        verify.Options.Add(anchorOption);
        verify.SetAction(async (parsed, cancellationToken) =>
        {
            var given = parsed.GetValue(anchorOption);
            var anchor = AuditHead.Parse(given);
            if (given is not null && anchor is null)
            {
                await Console.Error.WriteLineAsync("--anchor must be a head as Soudan writes it: soudan-audit:COUNT:HASH:SIGNATURE.");
                return 2;
            }

            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(cancellationToken, anchor);
            if (result.FirstBrokenSequence is { } broken)
            {
                await Console.Error.WriteLineAsync($"The audit log was changed: the chain breaks at event number {broken} (of {result.Sealed + result.Unsealed} events).");
                return 1;
            }

            if (result.AnchorProblem is { } problem)
            {
                await Console.Error.WriteLineAsync($"The audit log is not proven: {problem}.");
                return 1;
            }

            await Console.Out.WriteLineAsync($"The audit log is intact: {result.Sealed} events chained{(anchor is null ? "" : $", through the anchor at event {anchor.Sequence}")}. Head: {result.Head?.ToString() ?? "(empty log)"}");
            if (result.LegacySealed > 0)
            {
                await Console.Out.WriteLineAsync($"The first {result.LegacySealed} events were sealed before the log had its own key; the anchor proves them.");
            }

            await Console.Out.WriteLineAsync("Keep the head somewhere else (a printout, a message to the board): a log rewritten or cut short after today would no longer pass through it.");
            return 0;
        });

        var head = new Command("head", "Seal waiting audit events and print the signed head of the log, to keep outside the database.");
        head.SetAction(async (_, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var chain = scope.ServiceProvider.GetRequiredService<AuditChain>();
            await chain.SealAsync(int.MaxValue, cancellationToken);
            await Console.Out.WriteLineAsync((await chain.HeadAsync(cancellationToken))?.ToString() ?? "(empty log)");
            return 0;
        });

        var audit = new Command("audit", "The audit log of who saw or changed what.");
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(head);
        return audit;
    }
}
