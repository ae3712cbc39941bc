-- Training in each year by roster: people trained, programs, hours per person
-- on the roster at the year's end, and mentor pairs (导师带徒).
create or replace table training_summary as

with

training as (

    select * from training

),

staff_numbers as (

    select * from staff_numbers

),

turnover_by_year as (

    select * from turnover_by_year

),

metric_settings as (

    select * from metric_settings

),

sessions as (

    select
        training.center_id,
        cast(year(training.start_date) as integer) as year,
        coalesce(staff_numbers.track, 'unknown') as track,
        coalesce(staff_numbers.person_id, training.staff_no) as trainee_id,
        training.staff_no,
        training.program,
        training.hours,
        training.mentor_staff_no

    from training
    cross join metric_settings as settings
    left join staff_numbers
        on
            training.center_id = staff_numbers.center_id
            and training.staff_no = staff_numbers.staff_no
    where training.start_date <= settings.as_of_date

),

by_year as (

    select
        center_id,
        year,
        track,
        count(distinct trainee_id) as trainee_count,
        count(distinct program) as program_count,
        count(*) as session_count,
        coalesce(sum(hours), 0) as training_hours,
        count(distinct (staff_no, mentor_staff_no))
            filter (where mentor_staff_no is not null) as mentor_pair_count

    from sessions
    group by center_id, year, track

),

final as (

    select
        by_year.center_id,
        by_year.year,
        by_year.track,
        by_year.trainee_count,
        by_year.program_count,
        by_year.session_count,
        by_year.training_hours,
        turnover_by_year.end_headcount as headcount,
        by_year.training_hours / nullif(turnover_by_year.end_headcount, 0)
            as hours_per_person,
        by_year.mentor_pair_count

    from by_year
    left join turnover_by_year
        on
            by_year.center_id = turnover_by_year.center_id
            and by_year.year = turnover_by_year.year
            and by_year.track = turnover_by_year.track

)

select * from final
