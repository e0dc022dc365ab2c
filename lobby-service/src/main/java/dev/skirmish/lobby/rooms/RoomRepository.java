package dev.skirmish.lobby.rooms;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RoomRepository extends JpaRepository<RoomEntity, String> {
    @Query("select r from RoomEntity r where r.privateRoom = false and r.state in :states and lower(r.name) like :pattern")
    Page<RoomEntity> findPublic(@Param("states") Collection<RoomState> states, @Param("pattern") String pattern, Pageable page);

    /** Operators see private rooms too. */
    @Query("select r from RoomEntity r where r.state in :states and lower(r.name) like :pattern")
    Page<RoomEntity> findAnyByName(@Param("states") Collection<RoomState> states, @Param("pattern") String pattern, Pageable page);

    Optional<RoomEntity> findByJoinCode(String joinCode);

    /** Rooms by state in one statement: [state, count] for each state that has rooms. */
    @Query("select r.state, count(r) from RoomEntity r group by r.state")
    List<Object[]> countGroupedByState();

    List<RoomEntity> findByState(RoomState state);

    @Query("select r.id from RoomEntity r where r.emptySince is not null and r.emptySince <= :cutoff")
    List<String> findEmptySince(@Param("cutoff") Instant cutoff);

    /** STARTING rooms whose countdown (still running, or launching) ended before {@code cutoff}. */
    @Query("select r from RoomEntity r where r.state = dev.skirmish.lobby.rooms.RoomState.STARTING and r.launching = :launching"
            + " and r.countdownEndsAt < :cutoff")
    List<RoomEntity> findCountdownsEndedBefore(@Param("launching") boolean launching, @Param("cutoff") Instant cutoff);
}
