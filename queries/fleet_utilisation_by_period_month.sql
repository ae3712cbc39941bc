-- Fleet utilisation of each month from $start_date to $end_date, with
-- the same month a year before (同比).
with

fleet_utilisation_by_month as (

    select * from fleet_utilisation_by_month

),

current_months as (

    select * from fleet_utilisation_by_month
    where month_date between $start_date and $end_date

),

final as (

    select
        current_months.center_id,
        current_months.month_date,
        current_months.vehicle_count,
        current_months.available_days,
        current_months.used_days,
        current_months.utilisation_ratio,
        last_year.utilisation_ratio as last_year_ratio,
        (current_months.utilisation_ratio - last_year.utilisation_ratio)
        * 100 as yoy_change_points

    from current_months
    left join fleet_utilisation_by_month as last_year
        on
            current_months.center_id = last_year.center_id
            and last_year.month_date
            = cast(current_months.month_date - interval 1 year as date)

)

select * from final
order by center_id, month_date
