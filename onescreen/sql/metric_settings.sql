-- The cut-off date and the settings every derived table is computed with.
create or replace table metric_settings as

with

build_info as (

    select * from build_info

),

final as (

    select
        center_id,
        as_of_date,
        cast(year(as_of_date) as integer) as as_of_year,
        cast($baseline_year as integer) as baseline_year,
        cast($mileage_mismatch_km as double) as mileage_mismatch_km,
        cast($mileage_mismatch_share as double) as mileage_mismatch_share,
        cast($rectify_within_days as integer) as rectify_within_days,
        cast($repair_purposes as varchar []) as repair_purposes,
        cast($projected_ratio_cap as double) as projected_ratio_cap

    from build_info

)

select * from final
