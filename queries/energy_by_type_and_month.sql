-- Energy of each type in each month from $start_date to $end_date in kgce,
-- with the same month of the baseline year.
with

energy_facts as (

    select * from energy_facts

),

metric_settings as (

    select * from metric_settings

),

by_type_month as (

    select
        center_id,
        energy_type,
        month_date,
        year,
        month,
        any_value(base_unit) as base_unit,
        sum(base_quantity) as base_quantity,
        sum(kgce) as kgce

    from energy_facts
    where is_energy
    group by center_id, energy_type, month_date, year, month

),

final as (

    select
        current_months.center_id,
        current_months.energy_type,
        current_months.month_date,
        current_months.base_unit,
        current_months.base_quantity,
        current_months.kgce,
        baseline.kgce as baseline_kgce

    from by_type_month as current_months
    cross join metric_settings as settings
    left join by_type_month as baseline
        on
            current_months.center_id = baseline.center_id
            and current_months.energy_type = baseline.energy_type
            and current_months.month = baseline.month
            and baseline.year = settings.baseline_year
    where current_months.month_date between $start_date and $end_date

)

select * from final
order by center_id, month_date, energy_type
