using FluentValidation;
using MicroCred.Domain.Recognition;

namespace MicroCred.Application.Common;

/// <summary>Validator rules that ask the domain's own definition, so a form and an entity refuse the same input.</summary>
public static class RuleValidators
{
    /// <summary>Required credit units, checked by <see cref="CreditUnits.Problem"/>.</summary>
    public static IRuleBuilderOptionsConditions<T, decimal?> ValidCreditUnits<T>(this IRuleBuilder<T, decimal?> rule, string whenMissing) =>
        rule.Custom((units, context) =>
        {
            if (units is null) context.AddFailure(whenMissing);
            else if (CreditUnits.Problem(units.Value) is { } problem) context.AddFailure(problem);
        });
}
