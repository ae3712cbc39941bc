-- One row per energy reading up to the cut-off, in its base unit and in kgce.
create or replace table energy_facts as

with

energy_readings as (

    select * from energy_readings

),

energy_factors as (

    select * from energy_factors

),

energy_unit_factors as (

    select * from energy_unit_factors

),

metric_settings as (

    select * from metric_settings

),

keyed as (

    select
        energy_readings.*,
        lower(replace(replace(trim(energy_readings.unit), ' ', ''), '　', ''))
            as unit_key

    from energy_readings
    cross join metric_settings as settings
    where energy_readings.month <= settings.as_of_date

),

final as (

    select
        keyed.center_id,
        keyed.building_id,
        keyed.month as month_date,
        cast(year(keyed.month) as integer) as year,
        cast(month(keyed.month) as integer) as month,
        keyed.energy_type,
        keyed.quantity,
        keyed.unit,
        energy_factors.base_unit,
        keyed.quantity * energy_unit_factors.base_units_per_unit
            as base_quantity,
        keyed.quantity
        * energy_unit_factors.base_units_per_unit
        * energy_factors.kgce_per_base_unit as kgce,
        coalesce(energy_factors.is_energy, false) as is_energy,
        energy_unit_factors.unit_key is not null as is_unit_known

    from keyed
    left join energy_factors
        on keyed.energy_type = energy_factors.energy_type
    left join energy_unit_factors
        on
            keyed.energy_type = energy_unit_factors.energy_type
            and keyed.unit_key = energy_unit_factors.unit_key

)

select * from final
