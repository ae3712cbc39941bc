-- The weights and scale the build scored with, for the method note (口径).
with

kpi_rule_settings as (

    select * from kpi_rule_settings

),

final as (

    select
        weight_morality,
        weight_competence,
        weight_diligence,
        weight_achievement,
        weight_integrity,
        scoring_scale_floor,
        scoring_scale_ceiling,
        scoring_min_months_on_duty

    from kpi_rule_settings

)

select * from final
