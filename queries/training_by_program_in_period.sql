-- Training started from $start_date to $end_date by track and program, for
-- people in $department and $track (null: all): trainees, hours, mentor
-- pairs (导师带徒).
with

training as (

    select * from training

),

staff_numbers as (

    select * from staff_numbers

),

sessions as (

    select
        training.center_id,
        coalesce(staff_numbers.track, 'unknown') as track,
        coalesce(staff_numbers.person_id, training.staff_no) as trainee_id,
        training.staff_no,
        training.program,
        training.hours,
        training.mentor_staff_no

    from training
    left join staff_numbers
        on
            training.center_id = staff_numbers.center_id
            and training.staff_no = staff_numbers.staff_no
    where
        training.start_date between $start_date and $end_date
        and ($department is null or staff_numbers.department = $department)
        and ($track is null or staff_numbers.track = $track)

),

final as (

    select
        center_id,
        track,
        program,
        count(distinct trainee_id) as trainee_count,
        count(*) as session_count,
        coalesce(sum(hours), 0) as training_hours,
        count(distinct (staff_no, mentor_staff_no))
            filter (where mentor_staff_no is not null) as mentor_pair_count

    from sessions
    group by center_id, track, program

)

select * from final
order by center_id, track, program
