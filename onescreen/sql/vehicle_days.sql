-- One row per vehicle per day it was owned, from the first year with trips up
-- to the cut-off: whether it was a working day, in repair, available and used.
create or replace table vehicle_days as

with

vehicles as (

    select * from vehicles

),

trips as (

    select * from trips

),

calendar_days as (

    select * from calendar_days

),

metric_settings as (

    select * from metric_settings

),

completed_trips as (

    select
        trips.center_id,
        trips.plate,
        cast(trips.departed_at as date) as first_date,
        cast(coalesce(trips.returned_at, trips.departed_at) as date)
            as last_date,
        coalesce(
            list_contains(settings.repair_purposes, trim(trips.purpose)),
            false
        ) as is_repair

    from trips
    cross join metric_settings as settings
    where
        trips.status = '已完成'
        and trips.plate is not null
        and trips.departed_at is not null

),

trip_days as (

    select
        completed_trips.center_id,
        completed_trips.plate,
        calendar_days.calendar_date,
        bool_or(completed_trips.is_repair) as is_repair,
        bool_or(not completed_trips.is_repair) as is_out

    from completed_trips
    inner join calendar_days
        on
            calendar_days.calendar_date
            between completed_trips.first_date and completed_trips.last_date
    group by
        completed_trips.center_id,
        completed_trips.plate,
        calendar_days.calendar_date

),

trip_windows as (

    select
        center_id,
        make_date(cast(year(min(requested_at)) as integer), 1, 1)
            as window_start_date

    from trips
    group by center_id

),

owned_days as (

    select
        vehicles.center_id,
        vehicles.plate,
        calendar_days.calendar_date,
        calendar_days.year,
        calendar_days.month_date,
        calendar_days.is_workday

    from vehicles
    inner join trip_windows
        on vehicles.center_id = trip_windows.center_id
    inner join calendar_days
        on
            calendar_days.calendar_date >= greatest(
                vehicles.purchase_date, trip_windows.window_start_date
            )
            and (
                vehicles.disposal_date is null
                or calendar_days.calendar_date < vehicles.disposal_date
            )
    cross join metric_settings as settings
    where calendar_days.calendar_date <= settings.as_of_date

),

flagged as (

    select
        owned_days.*,
        coalesce(trip_days.is_repair, false) as is_repair,
        coalesce(trip_days.is_out, false) as is_out

    from owned_days
    left join trip_days
        on
            owned_days.center_id = trip_days.center_id
            and owned_days.plate = trip_days.plate
            and owned_days.calendar_date = trip_days.calendar_date

),

final as (

    select
        center_id,
        plate,
        calendar_date,
        year,
        month_date,
        is_workday,
        is_repair,
        is_workday and not is_repair as is_available,
        is_out,
        is_workday and not is_repair and is_out as is_used

    from flagged

)

select * from final
